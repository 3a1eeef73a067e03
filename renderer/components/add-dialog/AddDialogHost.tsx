import { AddDialog } from './AddDialog';
import { DropOverlay } from './DropOverlay';
import { usePasteToAdd } from './use-paste-to-add';

/** Everything that opens the add dialog from anywhere in the window: a paste, a drop, and the dialog itself. */
export function AddDialogHost() {
  usePasteToAdd();
  return (
    <>
      <AddDialog />
      <DropOverlay />
    </>
  );
}
