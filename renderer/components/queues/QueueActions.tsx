import { useState } from 'react';
import { DEFAULT_QUEUE_ID, type Queue } from '../../../shared/queues';
import { useFerry } from '../../store/store-context';
import { DeleteQueueDialog } from './DeleteQueueDialog';

/** Pause or resume the open queue, and delete it after asking (Default stays). */
export function QueueActions({ queue }: { queue: Queue }) {
  const updateQueue = useFerry((state) => state.updateQueue);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="queue-actions">
      <button type="button" onClick={() => void updateQueue(queue.id, { paused: !queue.paused })}>
        {queue.paused ? 'Resume queue' : 'Pause queue'}
      </button>
      {queue.id !== DEFAULT_QUEUE_ID && (
        <button type="button" className="queue-delete" onClick={() => setDeleting(true)}>
          Delete queue…
        </button>
      )}
      {deleting && <DeleteQueueDialog queue={queue} onClose={() => setDeleting(false)} />}
    </div>
  );
}
