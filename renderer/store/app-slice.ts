import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { AppSlice, FerryState } from './ferry-state';

export function createAppSlice(client: FerryClient): StateCreator<FerryState, [], [], AppSlice> {
  return (set, get) => ({
    appInfo: null,
    appError: null,
    async loadAppInfo() {
      try {
        set({ appInfo: await client.call('app:info'), appError: null });
      } catch (error) {
        set({ appError: errorMessage(error) });
      }
    },
    async takeReveal() {
      try {
        const target = await client.call('app:takeReveal');
        if (target) get().reveal(target);
      } catch (error) {
        set({
          appError: `Ferry could not bring up what you clicked in a notification or the tray: ${errorMessage(error)}`,
        });
      }
    },
    notices: [],
    async takeNotices() {
      try {
        for (const notice of await client.call('app:takeNotices')) get().receiveNotice(notice);
      } catch (error) {
        set({
          appError: `Ferry could not show its warnings about the library (${errorMessage(error)}); they are in its log: Settings, Open log folder.`,
        });
      }
    },
    receiveNotice(notice) {
      set((state) => ({ notices: [...state.notices, notice] }));
    },
    dismissNotice(id) {
      set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
    },
  });
}
