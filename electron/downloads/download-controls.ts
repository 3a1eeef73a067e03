import type { DownloadEventKind } from '../../shared/download-history';
import { actionRules, type DownloadAction, type DownloadStatus } from '../../shared/download-status';
import type { DownloadStore } from '../store/download-store';
import { removeLeftovers } from './leftovers';

/** What each action is called in a download's timeline. */
const actionEvents: Record<DownloadAction, DownloadEventKind> = {
  pause: 'paused',
  resume: 'resumed',
  cancel: 'canceled',
  retry: 'retried',
};

/**
 * Applies pause, resume, cancel or retry in the library, as the state machine
 * says. A running engine (the app or ferry run) follows within a poll; parts
 * of canceled downloads that nothing is running are deleted here. Returns how many changed.
 */
export async function applyControl(
  store: DownloadStore,
  action: DownloadAction,
  ids: number[] | 'all',
): Promise<number> {
  const { from, to } = actionRules[action];
  const before = statusesOf(store, ids);
  // A file that arrived but would not unpack is not downloaded again: retry unpacks it again.
  const unpacking = action === 'retry' ? store.retryUnpacking(ids) : 0;
  const changed = unpacking + store.transition(ids, from, to);
  for (const [id, status] of statusesOf(store, ids)) {
    if (status !== before.get(id)) store.history.record(id, actionEvents[action]);
  }
  if (to === 'canceled') {
    for (const download of store.list()) {
      if (download.status !== 'canceled' || (ids !== 'all' && !ids.includes(download.id))) continue;
      await removeLeftovers(download, store);
      store.resume.clear(download.id);
    }
  }
  return changed;
}

function statusesOf(store: DownloadStore, ids: number[] | 'all'): Map<number, DownloadStatus> {
  if (ids !== 'all') return store.statuses(ids);
  return new Map(store.list().map((download) => [download.id, download.status]));
}
