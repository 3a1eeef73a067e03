import { FolderOpen } from 'lucide-react';
import { useId } from 'react';
import { useFerry } from '../../store/store-context';
import { CheckboxField } from '../CheckboxField';

interface AddOptionsProps {
  queueId: number | null;
  onQueue(id: number): void;
  unpack: boolean;
  onUnpack(unpack: boolean): void;
}

/** Where the downloads go: the queue, its folder (picked in the main process), and whether archives are unpacked. */
export function AddOptions({ queueId, onQueue, unpack, onUnpack }: AddOptionsProps) {
  const queues = useFerry((state) => state.queues);
  const downloadDir = useFerry((state) => state.settings?.downloadDir ?? '');
  const chooseQueueFolder = useFerry((state) => state.chooseQueueFolder);
  const queueField = useId();
  const folderLabel = useId();
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
      <div className="field add-options-folder">
        <span id={folderLabel} className="field-label">
          Saves to
        </span>
        <div className="add-options-folder-row">
          <span className="path">{queue?.directory ?? downloadDir}</span>
          <button
            type="button"
            disabled={!queue}
            onClick={() => queue && chooseQueueFolder(queue.id)}
            aria-describedby={`${folderLabel}-hint`}
          >
            <FolderOpen aria-hidden="true" size={16} />
            Change folder…
          </button>
        </div>
        <p id={`${folderLabel}-hint`} className="field-hint">
          The folder of the “{queue?.name ?? 'Default'}” queue: a change applies to its later downloads too.
        </p>
      </div>
      <CheckboxField label="Unpack ZIP and TAR archives when they finish" checked={unpack} onChange={onUnpack} />
    </div>
  );
}
