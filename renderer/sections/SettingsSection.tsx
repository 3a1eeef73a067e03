import { Check } from 'lucide-react';
import { AppearanceFields } from '../components/settings/AppearanceFields';
import { ClipboardFields } from '../components/settings/ClipboardFields';
import { DesktopFields } from '../components/settings/DesktopFields';
import { LogFields } from '../components/settings/LogFields';
import { NotificationFields } from '../components/settings/NotificationFields';
import { PlatformFields } from '../components/settings/PlatformFields';
import { TransferFields } from '../components/settings/TransferFields';
import { UnpackingFields } from '../components/settings/UnpackingFields';
import { selectSaveStatusLabel, selectSettings } from '../store/selectors';
import { useFerry } from '../store/store-context';
import '../components/settings/settings.css';

export function SettingsSection() {
  const settings = useFerry(selectSettings);
  const status = useFerry((state) => state.settingsStatus);
  const error = useFerry((state) => state.settingsError);
  const saveLabel = useFerry(selectSaveStatusLabel);

  if (!settings) {
    return status === 'error' ? <p role="alert">{error}</p> : <p>Loading settings…</p>;
  }
  return (
    <form className="settings" onSubmit={(event) => event.preventDefault()}>
      {/* Pinned to the top of the view, so a save far down the form is seen too; focus never moves to it. */}
      <div className="save-toast-anchor">
        <p className="save-status save-toast" role={status === 'error' ? 'alert' : 'status'} data-status={status}>
          {status === 'saved' ? <Check aria-hidden="true" size={14} className="save-toast-icon" /> : null}
          {saveLabel}
        </p>
      </div>
      <AppearanceFields settings={settings} />
      <NotificationFields settings={settings} />
      <TransferFields settings={settings} />
      <UnpackingFields settings={settings} />
      <PlatformFields settings={settings} />
      <DesktopFields settings={settings} />
      <ClipboardFields settings={settings} />
      <LogFields />
    </form>
  );
}
