import {
  MAX_CONNECTIONS_PER_DOWNLOAD,
  MAX_PARALLEL_DOWNLOADS,
  MAX_SPEED_LIMIT,
  type Settings,
  settingProblem,
} from '../../../shared/settings';
import { selectSpeedLimitLabel } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { NumberField } from '../NumberField';
import { FileNameTemplateField } from './FileNameTemplateField';

const KIB = 1024;

export function TransferFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  const chooseFolder = useFerry((state) => state.chooseDownloadDir);
  const speedLabel = useFerry(selectSpeedLimitLabel);
  return (
    <fieldset>
      <legend>Transfers</legend>
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
        <p className="field-hint">Where new downloads go, unless their queue has a folder of its own.</p>
      </div>
      <FileNameTemplateField
        value={settings.fileNameTemplate}
        downloadDir={settings.downloadDir}
        onCommit={(fileNameTemplate) => update({ fileNameTemplate })}
      />
      <NumberField
        label="Parallel downloads"
        hint={`How many files download at the same time, 1 to ${MAX_PARALLEL_DOWNLOADS}.`}
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
    </fieldset>
  );
}
