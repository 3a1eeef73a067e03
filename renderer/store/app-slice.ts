import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../shared/app-info';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { FerryState } from './ferry-store';

export interface AppSlice {
  appInfo: AppInfo | null;
  appError: string | null;
  loadAppInfo(): Promise<void>;
}

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
