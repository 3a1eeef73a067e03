import { actionRules, inFlightStatuses, isBusy } from '../../shared/download-status';
import type { Download } from '../../shared/downloads';
import type { ActivitySnapshot } from './download-activity';

/** The counts and totals the tray, the dock and the taskbar show. */
export interface ActivitySummary {
  /** Fetching or unpacking. */
  active: number;
  failed: number;
  /** Downloads a Pause all would pause, and a Resume all would resume. */
  pausable: number;
  paused: number;
  /** Bytes per second over everything running. */
  speed: number;
  /** Received and total bytes over the running downloads whose size is known. */
  received: number;
  total: number;
  /** Running downloads whose size is not known yet. */
  unknownSizes: number;
}

export function summarize(snapshot: ActivitySnapshot): ActivitySummary {
  const summary: ActivitySummary = {
    active: 0,
    failed: 0,
    pausable: 0,
    paused: 0,
    speed: 0,
    received: 0,
    total: 0,
    unknownSizes: 0,
  };
  for (const download of snapshot.downloads) {
    if (isBusy(download.status)) summary.active += 1;
    if (download.status === 'failed') summary.failed += 1;
    if (download.status === 'paused') summary.paused += 1;
    if (actionRules.pause.from.includes(download.status)) summary.pausable += 1;
    if (inFlightStatuses.includes(download.status)) addRunning(summary, download, snapshot);
  }
  return summary;
}

function addRunning(summary: ActivitySummary, download: Download, snapshot: ActivitySnapshot): void {
  const live = snapshot.progress.get(download.id);
  const size = live?.size ?? download.size;
  summary.speed += live?.speed ?? 0;
  if (size === null || size <= 0) {
    summary.unknownSizes += 1;
    return;
  }
  summary.total += size;
  summary.received += Math.min(live?.received ?? download.received, size);
}

/** A download's percent, or null while its size is unknown. */
export function percentOf(download: Download, snapshot: ActivitySnapshot): number | null {
  const live = snapshot.progress.get(download.id);
  const size = live?.size ?? download.size;
  if (size === null || size <= 0) return null;
  return Math.min(100, Math.floor(((live?.received ?? download.received) / size) * 100));
}
