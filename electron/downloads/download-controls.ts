import { actionRules, type DownloadAction } from '../../shared/download-status';
import type { DownloadStore } from '../store/download-store';
import { removeLeftovers } from './leftovers';

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
  // A file that arrived but would not unpack is not downloaded again: retry unpacks it again.
  const unpacking = action === 'retry' ? store.retryUnpacking(ids) : 0;
  const changed = unpacking + store.transition(ids, from, to);
  if (to === 'canceled') {
    for (const download of store.list()) {
      if (download.status !== 'canceled' || (ids !== 'all' && !ids.includes(download.id))) continue;
      await removeLeftovers(download, store);
      store.clearResumeState(download.id);
    }
  }
  return changed;
}
