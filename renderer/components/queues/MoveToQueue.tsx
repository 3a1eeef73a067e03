import { useId, useState } from 'react';
import type { Queue } from '../../../shared/queues';
import { useFerry } from '../../store/store-context';

/** Sends the ticked downloads to another queue. */
export function MoveToQueue({ from, ids, onMoved }: { from: Queue; ids: number[]; onMoved(): void }) {
  const id = useId();
  const queues = useFerry((state) => state.queues);
  const moveToQueue = useFerry((state) => state.moveToQueue);
  const others = queues.filter((queue) => queue.id !== from.id);
  const [target, setTarget] = useState<number | null>(null);
  const to = others.find((queue) => queue.id === target) ?? others[0];
  if (!to) return null;
  const label = ids.length === 0 ? 'Move ticked' : `Move ${ids.length}`;
  return (
    <div className="move-to-queue">
      <label htmlFor={id}>To queue</label>
      <select id={id} value={to.id} onChange={(event) => setTarget(Number(event.target.value))}>
        {others.map((queue) => (
          <option key={queue.id} value={queue.id}>
            {queue.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={ids.length === 0}
        onClick={async () => {
          if (await moveToQueue(ids, to.id)) onMoved();
        }}
      >
        {label}
      </button>
    </div>
  );
}
