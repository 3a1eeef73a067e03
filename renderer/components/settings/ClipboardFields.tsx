import type { Settings } from '../../../shared/settings';
import { useFerry } from '../../store/store-context';
import { CheckboxField } from '../CheckboxField';

export function ClipboardFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  return (
    <fieldset>
      <legend>Clipboard</legend>
      <CheckboxField
        label="Offer to add links I copy"
        hint="When copied text holds links Ferry can download, a bar offers to add them; nothing is added until you confirm. Off, Ferry never reads the clipboard."
        checked={settings.watchClipboard}
        onChange={(watchClipboard) => update({ watchClipboard })}
      />
    </fieldset>
  );
}
