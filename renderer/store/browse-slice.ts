import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { BrowseSlice, Browsing, FerryState, LibraryAddResult } from './ferry-state';
import { freshBrowsing, LIBRARY_PAGE, type LibraryPick, libraryPicks } from './library-view';

type SetState = (partial: Partial<FerryState>) => void;

function withoutPicks(selected: Record<number, true>, picks: LibraryPick[]): Record<number, true> {
  const left = { ...selected };
  for (const pick of picks) delete left[pick.index];
  return left;
}

export function createBrowseSlice(client: FerryClient): StateCreator<FerryState, [], [], BrowseSlice> {
  // Only the answer for the account still open may land: a person can switch accounts mid-load.
  const update = (get: () => FerryState, set: SetState, accountId: string) => {
    return (change: (current: Browsing) => Partial<Browsing>) => {
      const current = get().browsing;
      if (current?.accountId === accountId) set({ browsing: { ...current, ...change(current) } });
    };
  };

  async function addOne(get: () => FerryState, refs: string[], accountId: string, queueId?: number) {
    get().receiveDownloads(await client.call('downloads:add', { refs, accountId, ...(queueId ? { queueId } : {}) }));
  }

  /** One call for the lot; when it is refused, each pick alone, so the good ones still go and the others say why. */
  async function addPicks(get: () => FerryState, picks: LibraryPick[], accountId: string, queueId?: number) {
    try {
      await addOne(
        get,
        picks.map((pick) => pick.ref),
        accountId,
        queueId,
      );
      return { added: picks, failed: [] };
    } catch (error) {
      if (picks.length === 1)
        return { added: [], failed: [{ name: picks[0]?.name ?? '', reason: errorMessage(error) }] };
    }
    const added: LibraryPick[] = [];
    const failed: LibraryAddResult['failed'] = [];
    for (const pick of picks) {
      try {
        await addOne(get, [pick.ref], accountId, queueId);
        added.push(pick);
      } catch (error) {
        failed.push({ name: pick.name, reason: errorMessage(error) });
      }
    }
    return { added, failed };
  }

  return (set, get) => {
    const current = (change: (browsing: Browsing) => Partial<Browsing>) => {
      const browsing = get().browsing;
      if (browsing) update(get, set, browsing.accountId)(change);
    };
    return {
      browsing: null,
      async browseAccount(accountId) {
        set({ browsing: freshBrowsing(accountId) });
        const change = update(get, set, accountId);
        try {
          const entries = await client.call('accounts:browse', { id: accountId });
          change(() => ({ status: 'ready', entries }));
        } catch (error) {
          change(() => ({ status: 'failed', error: errorMessage(error) }));
        }
      },
      closeBrowse: () => set({ browsing: null }),
      setLibraryFilter: (filter) => current(() => ({ filter, shown: LIBRARY_PAGE })),
      showMoreEntries: () => current((browsing) => ({ shown: browsing.shown + LIBRARY_PAGE })),
      setLibrarySelection: (selection) => current(() => ({ selection })),
      chooseEntryFormat: (index, ref) => current((browsing) => ({ choices: { ...browsing.choices, [index]: ref } })),
      chooseLibraryQueue: (queueId) => current(() => ({ queueId })),
      async addPickedEntries() {
        const browsing = get().browsing;
        const picks = browsing ? libraryPicks(browsing) : [];
        if (!browsing || browsing.adding || picks.length === 0) return;
        const queue = get().queues.find((candidate) => candidate.id === browsing.queueId) ?? get().queues[0];
        const change = update(get, set, browsing.accountId);
        change(() => ({ adding: true, result: null }));
        const { added, failed } = await addPicks(get, picks, browsing.accountId, queue?.id);
        change((now) => ({
          adding: false,
          added: { ...now.added, ...Object.fromEntries(added.map((pick) => [pick.index, true as const])) },
          // The refused stay selected, so a person can pick another format or queue and try them again.
          selection: { ...now.selection, selected: withoutPicks(now.selection.selected, added) },
          result: { added: added.length, queue: queue?.name ?? 'Default', failed },
        }));
      },
    };
  };
}
