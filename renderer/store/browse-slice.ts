import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { BrowseSlice, Browsing, FerryState } from './ferry-state';

export function createBrowseSlice(client: FerryClient): StateCreator<FerryState, [], [], BrowseSlice> {
  // Only the answer for the account still open may land: a person can switch accounts mid-load.
  const update = (get: () => FerryState, set: (partial: Partial<FerryState>) => void, accountId: string) => {
    return (change: Partial<Browsing>) => {
      const current = get().browsing;
      if (current?.accountId === accountId) set({ browsing: { ...current, ...change } });
    };
  };
  return (set, get) => ({
    browsing: null,
    async browseAccount(accountId) {
      set({ browsing: { accountId, status: 'loading', entries: [], error: null, added: [], adding: [] } });
      const change = update(get, set, accountId);
      try {
        change({ status: 'ready', entries: await client.call('accounts:browse', { id: accountId }) });
      } catch (error) {
        change({ status: 'failed', error: errorMessage(error) });
      }
    },
    closeBrowse: () => set({ browsing: null }),
    async addFromBrowse(ref) {
      const browsing = get().browsing;
      if (!browsing || browsing.adding.includes(ref) || browsing.added.includes(ref)) return;
      const change = update(get, set, browsing.accountId);
      const stillAdding = () => (get().browsing?.adding ?? []).filter((pending) => pending !== ref);
      change({ adding: [...browsing.adding, ref] });
      try {
        get().receiveDownloads(await client.call('downloads:add', { refs: [ref], accountId: browsing.accountId }));
        change({ added: [...(get().browsing?.added ?? []), ref], adding: stillAdding(), error: null });
      } catch (error) {
        change({ adding: stillAdding(), error: errorMessage(error) });
      }
    },
  });
}
