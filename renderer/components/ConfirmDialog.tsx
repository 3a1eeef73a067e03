import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import './confirm-dialog.css';
import './modal.css';

interface ConfirmDialogProps {
  title: string;
  /** What will happen, and anything to choose before it does (a checkbox). */
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onClose(): void;
}

/**
 * Asks before something that cannot be undone; shown while mounted, it starts
 * on its confirming button. Plain buttons: react-aria's Button injects a
 * <style> element, which the window's CSP refuses.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
    >
      <Modal className="modal confirm-modal">
        <Dialog className="confirm-dialog" role="alertdialog">
          <Heading slot="title">{title}</Heading>
          {children}
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Keep
            </button>
            {/* biome-ignore lint/a11y/noAutofocus: a confirmation dialog starts on its confirming button. */}
            <button type="button" className="dialog-danger" autoFocus onClick={onConfirm}>
              {confirmLabel}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
