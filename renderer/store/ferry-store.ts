import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryClient } from '../ipc/client';
import { createAccountsSlice } from './accounts-slice';
import { createAddDialogSlice } from './add-dialog-slice';
import { createAppSlice } from './app-slice';
import { createBrowseSlice } from './browse-slice';
import { createDownloadsSlice } from './downloads-slice';
import { createDownloadsViewSlice } from './downloads-view-slice';
import type { FerryState } from './ferry-state';
import { createNavigationSlice } from './navigation-slice';
import { createQueuesSlice } from './queues-slice';
import { createSettingsSlice } from './settings-slice';

export type FerryStore = StoreApi<FerryState>;

/** The renderer's single store. Creating it does no IPC; `connectStore` starts the traffic. */
export function createFerryStore(client: FerryClient): FerryStore {
  return createStore<FerryState>()((...args) => ({
    ...createNavigationSlice(...args),
    ...createSettingsSlice(client)(...args),
    ...createAppSlice(client)(...args),
    ...createDownloadsSlice(client)(...args),
    ...createDownloadsViewSlice(...args),
    ...createAccountsSlice(client)(...args),
    ...createBrowseSlice(client)(...args),
    ...createAddDialogSlice(client)(...args),
    ...createQueuesSlice(client)(...args),
  }));
}

/** Loads the initial state and follows main-process events; returns the disconnect. */
export function connectStore(store: FerryStore, client: FerryClient): () => void {
  const state = store.getState();
  const subscriptions = [
    client.on('settings:changed', (settings) => state.receiveSettings(settings)),
    client.on('downloads:changed', (changed) => state.receiveDownloads(changed)),
    client.on('downloads:progress', (items) => state.receiveProgress(items)),
    client.on('downloads:removed', (ids) => state.forgetDownloads(ids)),
    client.on('queues:changed', (queues) => state.receiveQueues(queues)),
    client.on('app:reveal', (target) => state.reveal(target)),
    client.on('app:addRequested', ({ text, problem }) => state.openAddDialog(text, problem ?? undefined)),
    client.on('app:clipboardOffer', (offer) => state.receiveClipboardOffer(offer)),
    client.on('app:notice', (notice) => state.receiveNotice(notice)),
  ];
  // Only once the window listens: a ferry:// link that started Ferry waited for this.
  void state.takeAddRequests();
  void state.takeReveal();
  void state.takeNotices();
  void state.loadSettings();
  void state.loadAppInfo();
  void state.loadDownloads();
  void state.loadAccounts();
  void state.loadQueues();
  return () => {
    for (const unsubscribe of subscriptions) unsubscribe();
  };
}
