import { downloadErrorTitles } from '../../shared/download-errors';
import type { Download } from '../../shared/downloads';
import { downloadName } from './download-rows';

/** The downloads that reached done or failed between two snapshots of the list. */
export function settledDownloads(before: Record<number, Download>, after: Record<number, Download>): Download[] {
  // Only a change seen in both snapshots counts: a download that first appears already finished (the initial load) is old news.
  return Object.values(after).filter((download) => {
    const earlier = before[download.id];
    return earlier !== undefined && earlier.status !== download.status && isSettled(download);
  });
}

/** What a screen reader says about downloads that settled together: each by name, or a count when there are several. */
export function announcement(settled: Download[]): string {
  const finished = settled.filter((download) => download.status === 'done');
  const failed = settled.filter((download) => download.status === 'failed');
  return [finishedMessage(finished), failedMessage(failed)].filter(Boolean).join('. ');
}

function isSettled(download: Download): boolean {
  return download.status === 'done' || download.status === 'failed';
}

function finishedMessage(finished: Download[]): string {
  const [only, ...more] = finished;
  if (!only) return '';
  return more.length === 0 ? `Finished: ${downloadName(only)}` : `${finished.length} downloads finished`;
}

function failedMessage(failed: Download[]): string {
  const [only, ...more] = failed;
  if (!only) return '';
  if (more.length > 0) return `${failed.length} downloads failed`;
  const reason = only.error ? downloadErrorTitles[only.error.code] : 'Reason unknown';
  return `Failed: ${downloadName(only)}: ${reason}`;
}
