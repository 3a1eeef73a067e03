import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { Queue } from '../../../shared/queues';
import { queueItemCounts } from '../../store/queue-order';
import { useFerry } from '../../store/store-context';
import '../downloads/downloads.css';

/**
 * Asks before deleting a queue and says where its downloads go. Plain buttons:
 * react-aria's Button injects a <style> element, which the window's CSP refuses.
 */
export function DeleteQueueDialog({ queue, onClose }: { queue: Queue; onClose(): void }) {
  const downloads = useFerry((state) => state.downloads);
  const deleteQueue = useFerry((state) => state.deleteQueue);
  const fallback = useFerry((state) => state.queues.find((candidate) => candidate.id === 1)?.name ?? 'Default');
  const count = queueItemCounts(downloads).get(queue.id) ?? 0;
  const what = count === 1 ? 'Its one waiting download moves' : `Its ${count} waiting downloads move`;
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
    >
      <Modal className="modal">
        <Dialog className="remove-dialog" role="alertdialog">
          <Heading slot="title">Delete the queue "{queue.name}"?</Heading>
          <p>
            {count === 0 ? 'It holds no waiting downloads.' : `${what} to "${fallback}".`} Files already downloaded stay
            where they are.
          </p>
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Keep
            </button>
            <button
              type="button"
              className="dialog-danger"
              // biome-ignore lint/a11y/noAutofocus: a confirmation dialog starts on its confirming button.
              autoFocus
              onClick={() => {
                onClose();
                void deleteQueue(queue.id);
              }}
            >
              Delete queue
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
