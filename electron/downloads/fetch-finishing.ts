import { basename } from 'node:path';
import type { FinishingFile } from '../engine/transfer-types';
import type { DownloadStore } from '../store/download-store';

/**
 * What a provider's own fetch calls just before its file takes its final name: the
 * finishing record a transfer writes, flushed to the disk, so that `finishedEarlier`
 * recognises the file when a crash loses the done mark that follows.
 */
export function recordFinishing(store: Pick<DownloadStore, 'resume'>, id: number) {
  return async (file: FinishingFile): Promise<void> => {
    const state = { fileName: basename(file.path), size: file.size, ranges: [], finishing: file };
    await store.resume.record(id, state, file.size);
  };
}
