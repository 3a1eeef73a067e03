import { useEffect } from 'react';
import { useFerry } from '../../store/store-context';

/** Where a paste means typing, not adding links. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

/** Ctrl+V (Cmd+V) anywhere but a text field opens the add dialog with what was pasted. */
export function usePasteToAdd(): void {
  const openAddDialog = useFerry((state) => state.openAddDialog);
  useEffect(() => {
    const paste = (event: ClipboardEvent) => {
      if (isTextField(event.target) || isTextField(document.activeElement)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      event.preventDefault();
      openAddDialog(text);
    };
    document.addEventListener('paste', paste);
    return () => document.removeEventListener('paste', paste);
  }, [openAddDialog]);
}
