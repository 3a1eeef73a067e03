import type { Queue } from '../../../shared/queues';
import {
  concurrencyProblem,
  MAX_QUEUE_CONCURRENCY,
  queueNameProblem,
  speedLimitProblem,
} from '../../store/queue-fields';
import { useFerry } from '../../store/store-context';
import { NumberField } from '../NumberField';
import { TextField } from '../TextField';
import { ScheduleField } from './ScheduleField';

const KIB = 1024;

/** The open queue's name, folder, limits and daily window. */
export function QueueSettings({ queue }: { queue: Queue }) {
  const queues = useFerry((state) => state.queues);
  const updateQueue = useFerry((state) => state.updateQueue);
  const pickQueueFolder = useFerry((state) => state.pickQueueFolder);
  const others = queues.filter((other) => other.id !== queue.id).map((other) => other.name);
  const update = (patch: Parameters<typeof updateQueue>[1]) => void updateQueue(queue.id, patch);

  return (
    <section className="queue-settings" aria-labelledby="queue-settings-title">
      <h3 id="queue-settings-title">Settings</h3>
      <TextField
        label="Name"
        hint="Saved when you leave the field or press Enter."
        value={queue.name}
        validate={(name) => queueNameProblem(name, others)}
        onCommit={(name) => update({ name: name.trim() })}
      />
      <div className="field">
        <span className="field-label">Folder</span>
        <div className="field-row queue-folder">
          {queue.directory ? (
            <span className="path">{queue.directory}</span>
          ) : (
            <span className="field-hint">The download folder from Settings</span>
          )}
          <button type="button" onClick={() => void pickQueueFolder(queue.id)}>
            Choose folder…
          </button>
        </div>
      </div>
      <div className="queue-limits">
        <NumberField
          label="Files at once"
          hint="0: only the global limit from Settings applies."
          value={queue.concurrency}
          min={0}
          max={MAX_QUEUE_CONCURRENCY}
          validate={concurrencyProblem}
          onCommit={(concurrency) => update({ concurrency })}
        />
        <NumberField
          label="Speed limit (KiB/s)"
          hint="0: no limit of its own."
          value={Math.round(queue.speedLimit / KIB)}
          min={0}
          max={10_000_000}
          validate={speedLimitProblem}
          onCommit={(kib) => update({ speedLimit: kib * KIB })}
        />
      </div>
      <ScheduleField schedule={queue.schedule} onCommit={(schedule) => update({ schedule })} />
    </section>
  );
}
