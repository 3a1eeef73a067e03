import { FileDown } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useFerry, useFerryStore } from '../../store/store-context';
import { DropNotice } from './DropNotice';
import { notLinksNotice, skippedNotice } from './drop-notice';
import { readDrop } from './dropped-links';
import './drop-overlay.css';

/** What a drag may carry that Ferry can add: files (lists of links) or text. */
function carriesLinks(event: DragEvent): boolean {
  const types = event.dataTransfer?.types ?? [];
  return types.includes('Files') || types.includes('text/plain') || types.includes('text/uri-list');
}

/**
 * Dropping links, text or .txt/.csv lists anywhere on the window opens the
 * add dialog with them, and an overlay says so while the drag is over the
 * window. Nothing dropped ever navigates the window away.
 */
export function DropOverlay() {
  const openAddDialog = useFerry((state) => state.openAddDialog);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Read when a drop lands, not on every change: the list changes many times a second while downloading.
  const store = useFerryStore();

  useEffect(() => {
    const over = (event: DragEvent) => {
      event.preventDefault();
      if (carriesLinks(event)) setDragging(true);
    };
    // Once shown, the overlay covers the window and takes the drag's events: leaving it is leaving the window.
    const leave = (event: DragEvent) => {
      if (event.target instanceof Element && event.target.classList.contains('drop-overlay')) setDragging(false);
    };
    const drop = async (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      if (!event.dataTransfer || !carriesLinks(event)) return;
      const { text, skipped } = await readDrop(event.dataTransfer);
      if (!text && skipped.length > 0) {
        setNotice(notLinksNotice(skipped, Object.values(store.getState().downloads)));
        return;
      }
      setNotice(null);
      openAddDialog(text, skipped.length > 0 ? skippedNotice(skipped) : undefined);
    };
    const listeners = { dragenter: over, dragover: over, dragleave: leave, drop } as const;
    for (const [name, listener] of Object.entries(listeners)) window.addEventListener(name, listener as EventListener);
    return () => {
      for (const [name, listener] of Object.entries(listeners)) {
        window.removeEventListener(name, listener as EventListener);
      }
    };
  }, [openAddDialog, store]);

  if (!dragging) return notice ? <DropNotice message={notice} onClose={() => setNotice(null)} /> : null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-overlay-card">
        <FileDown aria-hidden="true" size={40} />
        <p className="drop-overlay-title">Drop to add downloads</p>
        <p className="drop-overlay-hint">Links, text, or .txt and .csv lists of links</p>
      </div>
    </div>
  );
}
