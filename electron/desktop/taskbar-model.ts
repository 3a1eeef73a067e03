import { summarize } from './activity-summary';
import type { ActivitySnapshot } from './download-activity';

/** Electron's values: below 0 removes the bar, above 1 makes it indeterminate. */
export const NO_PROGRESS = -1;
export const INDETERMINATE = 2;

/** What the taskbar (Windows, Linux's Unity launchers) and the dock (macOS) show of Ferry's downloads. */
export interface TaskbarView {
  /** 0..1 over the running downloads of known size; INDETERMINATE when only unknown sizes run; NO_PROGRESS when idle. */
  progress: number;
  /** The dock badge: downloads fetching or unpacking; 0 shows none. */
  badge: number;
  /** Failed downloads waiting for a retry or removal; the Windows overlay icon shows while there are any. */
  failed: number;
}

export function taskbarView(snapshot: ActivitySnapshot): TaskbarView {
  const summary = summarize(snapshot);
  return { progress: overallProgress(summary), badge: summary.active, failed: summary.failed };
}

function overallProgress({ received, total, unknownSizes }: ReturnType<typeof summarize>): number {
  if (total > 0) return received / total;
  return unknownSizes > 0 ? INDETERMINATE : NO_PROGRESS;
}
