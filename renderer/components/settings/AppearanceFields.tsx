import type { Settings } from '../../../shared/settings';
import { useFerry } from '../../store/store-context';
import { CheckboxField } from '../CheckboxField';
import { SelectField } from './SelectField';

const themeOptions = [
  { value: 'system', label: 'Match the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

const interruptedOptions = [
  { value: 'resume', label: 'Continue when Ferry starts' },
  { value: 'pause', label: 'Wait, paused, until I resume them' },
] as const;

export function AppearanceFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  return (
    <fieldset>
      <legend>Appearance and behaviour</legend>
      <SelectField
        label="Theme"
        hint="Match the system follows your desktop's light or dark mode as it changes."
        value={settings.theme}
        options={themeOptions}
        onChange={(theme) => update({ theme })}
      />
      <SelectField
        label="Downloads cut off by a crash or quit"
        hint="Either way nothing received is lost: they continue from where they stopped."
        value={settings.interruptedDownloads}
        options={interruptedOptions}
        onChange={(interruptedDownloads) => update({ interruptedDownloads })}
      />
      <CheckboxField
        label="Unpack ZIP and TAR archives when they finish (the archive is kept)"
        hint="New downloads only; the Add dialog can say otherwise for each batch."
        checked={settings.unpackArchives}
        onChange={(unpackArchives) => update({ unpackArchives })}
      />
      <CheckboxField
        label="Show the welcome screen in Downloads"
        hint="The short first-run screen: download folder, an account, a first link."
        checked={!settings.firstRunDone}
        onChange={(show) => update({ firstRunDone: !show })}
      />
    </fieldset>
  );
}
