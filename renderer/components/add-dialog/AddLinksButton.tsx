import { Plus } from 'lucide-react';
import { useFerry } from '../../store/store-context';
import './add-bar.css';

const pasteKey = navigator.userAgent.includes('Mac') ? '⌘V' : 'Ctrl+V';

/** Opens the add dialog; a problem met outside it (a pause that failed) shows beside it. */
export function AddLinksButton() {
  const openAddDialog = useFerry((state) => state.openAddDialog);
  const dialogOpen = useFerry((state) => state.addDialog.open);
  const error = useFerry((state) => state.addError);
  return (
    <div className="add-bar">
      <button type="button" className="add-bar-button" onClick={() => openAddDialog()}>
        <Plus aria-hidden="true" size={16} />
        Add links…
      </button>
      <span className="add-bar-hint">or paste ({pasteKey}) or drop links anywhere in the window</span>
      {error && !dialogOpen ? (
        <p className="field-problem" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
