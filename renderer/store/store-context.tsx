import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { FerryState } from './ferry-state';
import type { FerryStore } from './ferry-store';

const StoreContext = createContext<FerryStore | null>(null);

export function StoreProvider({ store, children }: { store: FerryStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useFerry<T>(selector: (state: FerryState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useFerry must be used inside <StoreProvider>.');
  return useStore(store, selector);
}

/** The store itself, for an event handler that reads the state once instead of following it. */
export function useFerryStore(): FerryStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useFerryStore must be used inside <StoreProvider>.');
  return store;
}
