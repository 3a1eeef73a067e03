import { FolderOpen } from 'lucide-react';
import { useId } from 'react';
import { selectDownloadDir } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { CheckboxField } from '../CheckboxField';

interface AddOptionsProps {
  queueId: number | null;
  onQueue(id: number): void;
  /** A folder for this add only; null for the queue's. */
  folder: string | null;
  onFolder(folder: string | null): void;
  unpack: boolean;
  onUnpack(unpack: boolean): void;
}

/** Where the downloads go: the queue, a folder for this add (picked in the main process), and whether archives are unpacked. */
export function AddOptions({ queueId, onQueue, folder, onFolder, unpack, onUnpack }: AddOptionsProps) {
  const queues = useFerry((state) => state.queues);
  const queueField = useId();
  const queue = queues.find((candidate) => candidate.id === queueId) ?? queues[0];

  return (
    <div className="add-options">
      <div className="field">
        <label htmlFor={queueField}>Queue</label>
        <select id={queueField} value={queue?.id ?? ''} onChange={(event) => onQueue(Number(event.target.value))}>
          {queues.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </div>
      <FolderChoice
        queueName={queue?.name ?? 'Default'}
        queueFolder={queue?.directory ?? null}
        {...{ folder, onFolder }}
      />
      <CheckboxField label="Unpack ZIP and TAR archives when they finish" checked={unpack} onChange={onUnpack} />
    </div>
  );
}

interface FolderChoiceProps {
  queueName: string;
  queueFolder: string | null;
  folder: string | null;
  onFolder(folder: string | null): void;
}

function FolderChoice({ queueName, queueFolder, folder, onFolder }: FolderChoiceProps) {
  const downloadDir = useFerry(selectDownloadDir);
  const chooseAddFolder = useFerry((state) => state.chooseAddFolder);
  const label = useId();
  const shown = folder ?? queueFolder ?? downloadDir;

  return (
    <div className="field add-options-folder">
      <span id={label} className="field-label">
        These downloads go to
      </span>
      <div className="add-options-folder-row">
        <span className="path" title={shown} data-testid="add-destination">
          {shown}
        </span>
        <button
          type="button"
          onClick={async () => onFolder((await chooseAddFolder()) ?? folder)}
          aria-describedby={`${label}-hint`}
        >
          <FolderOpen aria-hidden="true" size={16} />
          Change folder…
        </button>
        {folder ? (
          <button type="button" onClick={() => onFolder(null)}>
            Use the queue’s folder
          </button>
        ) : null}
      </div>
      <p id={`${label}-hint`} className="field-hint">
        {folder
          ? `For this add only: the “${queueName}” queue keeps its own folder.`
          : `The folder of the “${queueName}” queue. Change folder… picks one for this add only.`}
      </p>
    </div>
  );
}
