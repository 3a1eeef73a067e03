import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { CheckboxField } from '../CheckboxField';

interface RemoveDialogProps {
  /** The names of the downloads to remove. */
  names: string[];
  onConfirm(deleteFiles: boolean): void;
  onClose(): void;
}

/**
 * Asks before removing downloads from the list, and whether their files go too; shown while mounted.
 * Plain buttons: react-aria's Button injects a <style> element, which the window's CSP refuses.
 */
export function RemoveDialog({ names, onConfirm, onClose }: RemoveDialogProps) {
  const [deleteFiles, setDeleteFiles] = useState(false);
  const count = names.length;
  const what = count === 1 ? `"${names[0]}"` : `${count} downloads`;
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
          <Heading slot="title">Remove {what}?</Heading>
          <p>
            {count === 1 ? 'It leaves' : 'They leave'} the list. Without the box ticked, the files already downloaded
            stay on disk.
          </p>
          <CheckboxField label="Also delete the downloaded files" checked={deleteFiles} onChange={setDeleteFiles} />
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Keep
            </button>
            {/* biome-ignore lint/a11y/noAutofocus: a confirmation dialog starts on its confirming button. */}
            <button type="button" className="dialog-danger" autoFocus onClick={() => onConfirm(deleteFiles)}>
              {deleteFiles ? 'Remove and delete files' : 'Remove'}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
