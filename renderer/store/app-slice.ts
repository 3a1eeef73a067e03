import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { AppSlice, FerryState } from './ferry-state';

export function createAppSlice(client: FerryClient): StateCreator<FerryState, [], [], AppSlice> {
  return (set) => ({
    appInfo: null,
    appError: null,
    async loadAppInfo() {
      try {
        set({ appInfo: await client.call('app:info'), appError: null });
      } catch (error) {
        set({ appError: errorMessage(error) });
      }
    },
  });
}
