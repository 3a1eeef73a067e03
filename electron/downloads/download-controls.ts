import type { DownloadAction, DownloadStatus } from '../../shared/downloads';
import type { DownloadStore } from '../store/download-store';
import { removePart } from './scheduler';

/** Which statuses each action applies to, and what it turns them into. */
const controls: Record<DownloadAction, { from: readonly DownloadStatus[]; to: DownloadStatus }> = {
  pause: { from: ['queued', 'resolving', 'waiting', 'downloading'], to: 'paused' },
  resume: { from: ['paused'], to: 'queued' },
  // Canceling an unpack stops it; the downloaded file stays where it is.
  cancel: { from: ['queued', 'resolving', 'waiting', 'downloading', 'paused', 'failed', 'unpacking'], to: 'canceled' },
  retry: { from: ['failed', 'canceled'], to: 'queued' },
};

/**
 * Applies pause, resume, cancel or retry in the library. A running engine
 * (the app or ferry run) follows within a poll; parts of canceled downloads
 * that nothing is running are deleted here. Returns how many changed.
 */
export async function applyControl(
  store: DownloadStore,
  action: DownloadAction,
  ids: number[] | 'all',
): Promise<number> {
  const { from, to } = controls[action];
  // A file that arrived but would not unpack is not downloaded again: retry unpacks it again.
  const unpacking = action === 'retry' ? store.retryUnpacking(ids) : 0;
  const changed = unpacking + store.transition(ids, from, to);
  if (to === 'canceled') {
    for (const download of store.list()) {
      if (download.status !== 'canceled' || (ids !== 'all' && !ids.includes(download.id))) continue;
      await removePart(download, store.resumeState(download.id));
      store.clearResumeState(download.id);
    }
  }
  return changed;
}
