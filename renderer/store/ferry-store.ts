import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryClient } from '../ipc/client';
import { type AppSlice, createAppSlice } from './app-slice';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';

export type FerryState = NavigationSlice & SettingsSlice & AppSlice;
export type FerryStore = StoreApi<FerryState>;

/** The renderer's single store. Creating it does no IPC; `connectStore` starts the traffic. */
export function createFerryStore(client: FerryClient): FerryStore {
  return createStore<FerryState>()((...args) => ({
    ...createNavigationSlice(...args),
    ...createSettingsSlice(client)(...args),
    ...createAppSlice(client)(...args),
  }));
}

/** Loads the initial state and follows main-process events; returns the disconnect. */
export function connectStore(store: FerryStore, client: FerryClient): () => void {
  const unsubscribe = client.on('settings:changed', (settings) => store.getState().receiveSettings(settings));
  void store.getState().loadSettings();
  void store.getState().loadAppInfo();
  return unsubscribe;
}
