import { useId } from 'react';
import {
  MAX_CONNECTIONS_PER_DOWNLOAD,
  MAX_PARALLEL_DOWNLOADS,
  MAX_SCENARIO_BATCH_MINUTES,
  MAX_SPEED_LIMIT,
  type Settings,
  settingProblem,
  type Theme,
  themes,
} from '../../shared/settings';
import { CheckboxField } from '../components/CheckboxField';
import { NumberField } from '../components/NumberField';
import { TextField } from '../components/TextField';
import { selectSaveStatusLabel, selectSettings, selectSpeedLimitLabel } from '../store/selectors';
import { useFerry } from '../store/store-context';

const themeLabels: Record<Theme, string> = { system: 'Match the system', light: 'Light', dark: 'Dark' };
const KIB = 1024;

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
      <AppearanceFields settings={settings} />
      <TransferFields settings={settings} />
      <PlatformFields settings={settings} />
      <LogFields />
      <p className="save-status" role={status === 'error' ? 'alert' : 'status'} data-status={status}>
        {saveLabel}
      </p>
    </form>
  );
}

function AppearanceFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  const themeId = useId();
  const interruptedId = useId();
  return (
    <fieldset>
      <legend>Appearance and notifications</legend>
      <div className="field">
        <label htmlFor={themeId}>Theme</label>
        <select
          id={themeId}
          value={settings.theme}
          onChange={(event) => update({ theme: event.target.value as Theme })}
        >
          {themes.map((theme) => (
            <option key={theme} value={theme}>
              {themeLabels[theme]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={interruptedId}>Downloads cut off by a crash or quit</label>
        <select
          id={interruptedId}
          value={settings.interruptedDownloads}
          onChange={(event) => update({ interruptedDownloads: event.target.value as Settings['interruptedDownloads'] })}
        >
          <option value="resume">Continue when Ferry starts</option>
          <option value="pause">Wait, paused, until I resume them</option>
        </select>
      </div>
      <CheckboxField
        label="Notify me when a download finishes"
        checked={settings.notifyOnComplete}
        onChange={(notifyOnComplete) => update({ notifyOnComplete })}
      />
      <CheckboxField
        label="Unpack ZIP and TAR archives when they finish (the archive is kept)"
        checked={settings.unpackArchives}
        onChange={(unpackArchives) => update({ unpackArchives })}
      />
    </fieldset>
  );
}

function TransferFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  const chooseFolder = useFerry((state) => state.chooseDownloadDir);
  const speedLabel = useFerry(selectSpeedLimitLabel);
  return (
    <fieldset>
      <legend>Transfers</legend>
      <NumberField
        label="Parallel downloads"
        hint="How many files download at the same time."
        value={settings.maxParallelDownloads}
        min={1}
        max={MAX_PARALLEL_DOWNLOADS}
        validate={(value) => settingProblem('maxParallelDownloads', value)}
        onCommit={(value) => update({ maxParallelDownloads: value })}
      />
      <NumberField
        label="Connections per download"
        hint="More connections help on servers that limit each one."
        value={settings.connectionsPerDownload}
        min={1}
        max={MAX_CONNECTIONS_PER_DOWNLOAD}
        validate={(value) => settingProblem('connectionsPerDownload', value)}
        onCommit={(value) => update({ connectionsPerDownload: value })}
      />
      <NumberField
        label="Speed limit (KiB/s)"
        hint={`0 means unlimited. Now: ${speedLabel}.`}
        value={Math.round(settings.speedLimit / KIB)}
        min={0}
        max={MAX_SPEED_LIMIT / KIB}
        validate={(value) => settingProblem('speedLimit', Math.round(value * KIB))}
        onCommit={(value) => update({ speedLimit: Math.round(value * KIB) })}
      />
      <TextField
        label="File names"
        hint="Folders below the download folder, ending in {name}: {provider}/{name} sorts files by platform."
        value={settings.fileNameTemplate}
        validate={(value) => settingProblem('fileNameTemplate', value)}
        onCommit={(value) => update({ fileNameTemplate: value })}
      />
      <div className="field">
        <span className="field-label">Download folder</span>
        <div className="field-row">
          <output className="path" data-testid="download-dir">
            {settings.downloadDir}
          </output>
          <button type="button" onClick={() => void chooseFolder()}>
            Change…
          </button>
        </div>
      </div>
    </fieldset>
  );
}

/** What one platform's downloads may wait for, and where CIDs come from. */
function PlatformFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  return (
    <fieldset>
      <legend>Platforms</legend>
      <NumberField
        label="Scenario batch wait (minutes)"
        hint="How long Scenario may take to prepare a batch ZIP before the download fails."
        value={settings.scenarioBatchTimeoutMinutes}
        min={0.05}
        max={MAX_SCENARIO_BATCH_MINUTES}
        validate={(value) => settingProblem('scenarioBatchTimeoutMinutes', value)}
        onCommit={(value) => update({ scenarioBatchTimeoutMinutes: value })}
      />
      <NumberField
        label="Locked Delos files: wait (minutes)"
        hint="How long a Delos file someone else has locked is waited for; 0 fails it at once."
        value={settings.delosLockedTimeoutMinutes}
        min={0}
        max={24 * 60}
        validate={(value) => settingProblem('delosLockedTimeoutMinutes', value)}
        onCommit={(value) => update({ delosLockedTimeoutMinutes: value })}
      />
      <TextField
        label="IPFS gateways"
        hint="Where CIDs come from without a CID store account, tried in order and verified block by block; separate them with commas."
        value={settings.ipfsGateways.join(', ')}
        validate={(value) => settingProblem('ipfsGateways', gatewayList(value))}
        onCommit={(value) => update({ ipfsGateways: gatewayList(value) })}
        wide
      />
    </fieldset>
  );
}

function LogFields() {
  const openLogFolder = useFerry((state) => state.openLogFolder);
  return (
    <fieldset>
      <legend>Problems</legend>
      <div className="field">
        <span className="field-label">Log files</span>
        <div className="field-row">
          <p className="field-hint">
            What Ferry did, without passwords or keys. Attach these files when you report a problem.
          </p>
          <button type="button" onClick={() => void openLogFolder()}>
            Open log folder
          </button>
        </div>
      </div>
    </fieldset>
  );
}

function gatewayList(text: string): string[] {
  return text
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
}
