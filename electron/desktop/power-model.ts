import type { Download } from '../../shared/downloads';

/** Statuses in which a download is busy with the network or the disk: sleep would cut it off. */
const BUSY = new Set<Download['status']>(['resolving', 'waiting', 'downloading', 'verifying', 'unpacking']);

/**
 * Which downloads are busy, followed from the window's own change events
 * (`downloads:changed`, `downloads:removed`), so the sleep guard needs no
 * query of its own and sees exactly what the window sees.
 */
export class BusyDownloads {
  private readonly busy = new Set<number>();

  changed(downloads: readonly Pick<Download, 'id' | 'status'>[]): void {
    for (const { id, status } of downloads) {
      if (BUSY.has(status)) this.busy.add(id);
      else this.busy.delete(id);
    }
  }

  removed(ids: readonly number[]): void {
    for (const id of ids) this.busy.delete(id);
  }

  get count(): number {
    return this.busy.size;
  }
}

/** The computer is kept awake only while something downloads and the person wants it so. */
export function shouldBlockSleep(busyDownloads: number, preventSleepWhileDownloading: boolean): boolean {
  return preventSleepWhileDownloading && busyDownloads > 0;
}
