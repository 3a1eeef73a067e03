import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { AddDialogSlice, FerryState } from './ferry-state';

const closed = { open: false, text: '', queueId: null };

/** The queue an add starts on: the one the Queues view shows when it is open there (a drop or paste on it), else Default. */
export function startingQueue(state: Pick<FerryState, 'section' | 'openQueueId' | 'queues'>): number | null {
  if (state.section !== 'queues') return null;
  return state.queues.some((queue) => queue.id === state.openQueueId) ? state.openQueueId : null;
}

/** The add dialog: opened by the Add button, a paste outside text fields, or a drop; it holds the text being added. */
export function createAddDialogSlice(client: FerryClient): StateCreator<FerryState, [], [], AddDialogSlice> {
  return (set, get) => ({
    addDialog: closed,
    openAddDialog(text = '', notice) {
      const { addDialog } = get();
      // A second paste or drop while the dialog is open adds to what is there, and keeps its queue.
      const joined = addDialog.open && addDialog.text.trim() ? `${addDialog.text.trimEnd()}\n${text}` : text;
      const opened = addDialog.open
        ? { ...addDialog, text: joined }
        : { open: true, text, queueId: startingQueue(get()) };
      set({ addDialog: opened, addError: notice ?? null });
      void get().loadQueues();
      void get().loadAccounts();
    },
    closeAddDialog: () => set({ addDialog: closed, addError: null }),
    clipboardOffer: null,
    receiveClipboardOffer: (offer) => set({ clipboardOffer: offer }),
    acceptClipboardOffer() {
      const offer = get().clipboardOffer;
      set({ clipboardOffer: null });
      if (offer) get().openAddDialog(offer.text);
    },
    dismissClipboardOffer: () => set({ clipboardOffer: null }),
    async takeAddRequests() {
      try {
        for (const request of await client.call('app:takeAddRequests')) {
          get().openAddDialog(request.text, request.problem ?? undefined);
        }
      } catch (error) {
        get().openAddDialog('', `Ferry could not read the links it was sent while starting: ${errorMessage(error)}`);
      }
    },
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
