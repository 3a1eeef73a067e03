import type { Queue } from '../../../shared/queues';
import { queueItemCounts } from '../../store/queue-order';
import { selectDefaultQueueName } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { ConfirmDialog } from '../ConfirmDialog';

/** Asks before deleting a queue and says where its downloads go. */
export function DeleteQueueDialog({ queue, onClose }: { queue: Queue; onClose(): void }) {
  const downloads = useFerry((state) => state.downloads);
  const deleteQueue = useFerry((state) => state.deleteQueue);
  const fallback = useFerry(selectDefaultQueueName);
  const count = queueItemCounts(downloads).get(queue.id) ?? 0;
  const what = count === 1 ? 'Its one waiting download moves' : `Its ${count} waiting downloads move`;
  return (
    <ConfirmDialog
      title={`Delete the queue "${queue.name}"?`}
      confirmLabel="Delete queue"
      onConfirm={() => {
        onClose();
        void deleteQueue(queue.id);
      }}
      onClose={onClose}
    >
      <p>
        {count === 0 ? 'It holds no waiting downloads.' : `${what} to "${fallback}".`} Files already downloaded stay
        where they are.
      </p>
    </ConfirmDialog>
  );
}
