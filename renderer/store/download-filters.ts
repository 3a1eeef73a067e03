import type { DownloadStatus } from '../../shared/download-status';
import type { Download, DownloadProgress } from '../../shared/downloads';
import { downloadName, liveProgress, progressFraction } from './download-rows';

export const statusFilters = ['all', 'active', 'queued', 'done', 'failed'] as const;
export type StatusFilter = (typeof statusFilters)[number];

export const statusFilterLabels: Record<StatusFilter, string> = {
  all: 'All',
  active: 'Active',
  queued: 'Queued',
  done: 'Done',
  failed: 'Failed',
};

/**
 * Paused downloads count as queued (both wait for someone to let them run) and
 * canceled ones as failed (both stopped short and both offer Retry), so every
 * status lands under one filter besides All.
 */
const filterStatuses: Record<Exclude<StatusFilter, 'all'>, readonly DownloadStatus[]> = {
  active: ['resolving', 'waiting', 'downloading', 'verifying', 'unpacking'],
  queued: ['queued', 'paused'],
  done: ['done'],
  failed: ['failed', 'canceled'],
};

export const sortKeys = ['added', 'name', 'size', 'progress'] as const;
export type SortKey = (typeof sortKeys)[number];

export const sortLabels: Record<SortKey, string> = {
  added: 'Newest first',
  name: 'Name',
  size: 'Largest first',
  progress: 'Most progress',
};

/** What the Downloads list shows: a status filter, a platform (null for all), a search and an order. */
export interface DownloadsView {
  status: StatusFilter;
  platform: string | null;
  search: string;
  sort: SortKey;
}

export const defaultView: DownloadsView = { status: 'all', platform: null, search: '', sort: 'added' };

export function isActive(status: DownloadStatus): boolean {
  return filterStatuses.active.includes(status);
}

export function matchesStatus(download: Download, status: StatusFilter): boolean {
  return status === 'all' || filterStatuses[status].includes(download.status);
}

/** Every word of the search appears in the name, in any case. */
export function matchesSearch(download: Download, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const name = downloadName(download).toLowerCase();
  return words.every((word) => name.includes(word));
}

export function matchesView(download: Download, view: DownloadsView): boolean {
  return (
    matchesStatus(download, view.status) &&
    (view.platform === null || download.provider === view.platform) &&
    matchesSearch(download, view.search)
  );
}

/** How many downloads each status filter would show, within the chosen platform and search. */
export function statusFilterCounts(downloads: Download[], view: DownloadsView): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { all: 0, active: 0, queued: 0, done: 0, failed: 0 };
  for (const download of downloads) {
    if (!matchesView(download, { ...view, status: 'all' })) continue;
    counts.all += 1;
    for (const filter of statusFilters) {
      if (filter !== 'all' && filterStatuses[filter].includes(download.status)) counts[filter] += 1;
    }
  }
  return counts;
}

/** How many downloads each platform would show, within the chosen status and search; platforms with none are left out. */
export function platformCounts(downloads: Download[], view: DownloadsView): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const download of downloads) {
    if (!matchesView(download, { ...view, platform: null })) continue;
    counts[download.provider] = (counts[download.provider] ?? 0) + 1;
  }
  return counts;
}

type Compare = (a: Download, b: Download) => number;

function comparator(sort: SortKey, progress: Record<number, DownloadProgress>): Compare {
  switch (sort) {
    case 'name':
      return (a, b) =>
        downloadName(a).localeCompare(downloadName(b), undefined, { sensitivity: 'base', numeric: true });
    case 'size':
      return (a, b) => (b.size ?? -1) - (a.size ?? -1);
    case 'progress':
      return (a, b) => progressFraction(b, liveProgress(b, progress)) - progressFraction(a, liveProgress(a, progress));
    default:
      return (a, b) => b.createdAt - a.createdAt;
  }
}

/** The ids the list shows, in order; ties fall back to newest first so the order never jumps. */
export function visibleDownloadIds(
  downloads: Record<number, Download>,
  progress: Record<number, DownloadProgress>,
  view: DownloadsView,
): number[] {
  const compare = comparator(view.sort, progress);
  return Object.values(downloads)
    .filter((download) => matchesView(download, view))
    .sort((a, b) => compare(a, b) || b.id - a.id)
    .map((download) => download.id);
}
