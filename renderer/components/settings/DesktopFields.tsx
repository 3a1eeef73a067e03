import type { Settings } from '../../../shared/settings';
import { useFerry } from '../../store/store-context';
import { CheckboxField } from '../CheckboxField';

export function DesktopFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  const linkCli = useFerry((state) => state.linkCli);
  const cliLink = useFerry((state) => state.cliLink);
  return (
    <fieldset>
      <legend>On this computer</legend>
      <CheckboxField
        label="Keep the computer awake while downloads run"
        hint="The screen may still turn off. If the computer sleeps anyway, downloads pause and continue when it wakes."
        checked={settings.preventSleepWhileDownloading}
        onChange={(preventSleepWhileDownloading) => update({ preventSleepWhileDownloading })}
      />
      <CheckboxField
        label="Start Ferry when I log in"
        hint="Queued downloads continue without you opening Ferry."
        checked={settings.openAtLogin}
        onChange={(openAtLogin) => update({ openAtLogin })}
      />
      <div className="field">
        <span className="field-label">The ferry command</span>
        <div className="field-row">
          <p className="field-hint">
            Ferry's command line, for scripts and terminals: links it into ~/.local/bin (on macOS /usr/local/bin when
            you may write there).
          </p>
          <button type="button" onClick={() => void linkCli()}>
            Link ferry command
          </button>
        </div>
        {cliLink ? (
          <p className={cliLink.failed ? 'field-problem' : 'field-hint'} role={cliLink.failed ? 'alert' : 'status'}>
            {cliLink.note}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
