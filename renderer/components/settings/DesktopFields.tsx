import type { Settings } from '../../../shared/settings';
import { useFerry } from '../../store/store-context';
import { CheckboxField } from '../CheckboxField';

export function DesktopFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
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
    </fieldset>
  );
}
