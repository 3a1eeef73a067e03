import { AddDialog } from './AddDialog';
import { ClipboardOfferBar } from './ClipboardOfferBar';
import { DropOverlay } from './DropOverlay';
import { usePasteToAdd } from './use-paste-to-add';

/** Everything that opens the add dialog from anywhere in the window: a paste, a drop, a copied link's offer, and the dialog itself. */
export function AddDialogHost() {
  usePasteToAdd();
  return (
    <>
      <AddDialog />
      <DropOverlay />
      <ClipboardOfferBar />
    </>
  );
}
