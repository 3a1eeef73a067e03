import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { AddDialogSlice, FerryState } from './ferry-state';

/** The add dialog: opened by the Add button, a paste outside text fields, or a drop; it holds the text being added. */
export function createAddDialogSlice(client: FerryClient): StateCreator<FerryState, [], [], AddDialogSlice> {
  return (set, get) => ({
    addDialog: { open: false, text: '' },
    openAddDialog(text = '', notice) {
      const { addDialog } = get();
      // A second paste or drop while the dialog is open adds to what is there.
      const joined = addDialog.open && addDialog.text.trim() ? `${addDialog.text.trimEnd()}\n${text}` : text;
      set({ addDialog: { open: true, text: addDialog.open ? joined : text }, addError: notice ?? null });
      void get().loadQueues();
      void get().loadAccounts();
    },
    closeAddDialog: () => set({ addDialog: { open: false, text: '' }, addError: null }),
    setAddText: (text) => set((state) => ({ addDialog: { ...state.addDialog, text } })),
    async previewLinks(refs) {
      if (refs.length === 0) return [];
      try {
        return await client.call('downloads:preview', { refs });
      } catch (error) {
        set({ addError: errorMessage(error) });
        return null;
      }
    },
    async chooseAddFolder() {
      try {
        return (await client.call('downloads:chooseFolder')).folder;
      } catch (error) {
        set({ addError: errorMessage(error) });
        return null;
      }
    },
  });
}
