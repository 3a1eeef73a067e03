import type { Settings } from '../../../shared/settings';
import { useFerry } from '../../store/store-context';
import { CheckboxField } from '../CheckboxField';

type NoticeSetting = 'notifyOnComplete' | 'notifyOnFailure' | 'notifyOnQueueDone' | 'notifyOnAccountProblem';

const notices: { key: NoticeSetting; label: string; hint: string }[] = [
  {
    key: 'notifyOnComplete',
    label: 'Notify me when a download finishes',
    hint: "The file's name; several finishing within a few seconds make one notification naming their folder.",
  },
  { key: 'notifyOnFailure', label: 'Notify me when a download fails', hint: 'With the reason in a few words.' },
  { key: 'notifyOnQueueDone', label: 'Notify me when a queue is done', hint: 'Every download in it has finished.' },
  {
    key: 'notifyOnAccountProblem',
    label: 'Notify me when an account needs attention',
    hint: 'A platform refused its credentials, or its token expired.',
  },
];

/** How Ferry lives on the desktop: its notifications, and what closing the window does. */
export function NotificationFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  return (
    <fieldset>
      <legend>Notifications and tray</legend>
      {notices.map(({ key, label, hint }) => (
        <CheckboxField
          key={key}
          label={label}
          hint={hint}
          checked={settings[key]}
          onChange={(checked) => update({ [key]: checked })}
        />
      ))}
      <CheckboxField
        label="Notify me even while Ferry's window is in front"
        hint="Off: the list already shows what happened while you look at it."
        checked={settings.notifyWhileFocused}
        onChange={(notifyWhileFocused) => update({ notifyWhileFocused })}
      />
      <CheckboxField
        label="Closing the window keeps Ferry running in the tray"
        hint="Downloads go on; Quit in the tray's menu (or the app menu) ends Ferry."
        checked={settings.closeToTray}
        onChange={(closeToTray) => update({ closeToTray })}
      />
    </fieldset>
  );
}
