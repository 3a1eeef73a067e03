import { useState } from 'react';
import { CheckboxField } from '../CheckboxField';
import { ConfirmDialog } from '../ConfirmDialog';

interface RemoveDialogProps {
  /** The names of the downloads to remove. */
  names: string[];
  onConfirm(deleteFiles: boolean): void;
  onClose(): void;
}

/** Asks before removing downloads from the list, and whether their files go too; shown while mounted. */
export function RemoveDialog({ names, onConfirm, onClose }: RemoveDialogProps) {
  const [deleteFiles, setDeleteFiles] = useState(false);
  const count = names.length;
  const what = count === 1 ? `"${names[0]}"` : `${count} downloads`;
  return (
    <ConfirmDialog
      title={`Remove ${what}?`}
      confirmLabel={deleteFiles ? 'Remove and delete files' : 'Remove'}
      onConfirm={() => onConfirm(deleteFiles)}
      onClose={onClose}
    >
      <p>
        {count === 1 ? 'It leaves' : 'They leave'} the list. Without the box ticked, the files already downloaded stay
        on disk.
      </p>
      <CheckboxField label="Also delete the downloaded files" checked={deleteFiles} onChange={setDeleteFiles} />
    </ConfirmDialog>
  );
}
