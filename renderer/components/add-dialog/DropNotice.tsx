import { FileWarning, X } from 'lucide-react';
import './drop-overlay.css';

/** Why a drop added nothing, shown where it happened until the person closes it; focus stays where it was. */
export function DropNotice({ message, onClose }: { message: string; onClose(): void }) {
  return (
    <div className="drop-notice" role="alert">
      <FileWarning aria-hidden="true" size={20} className="drop-notice-icon" />
      <p>{message}</p>
      <button type="button" className="drop-notice-close" aria-label="Close this message" onClick={onClose}>
        <X aria-hidden="true" size={16} />
      </button>
    </div>
  );
}
