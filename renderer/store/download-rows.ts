import { downloadErrorTitles } from '../../shared/download-errors';
import { actionsFor, type DownloadAction, type DownloadStatus, statusLabels } from '../../shared/download-status';
import type { Download, DownloadProgress } from '../../shared/downloads';
import { formatBytes } from '../../shared/format';

/** One line of the Downloads list, ready to show. */
export interface DownloadRow {
  id: number;
  name: string;
  status: DownloadStatus;
  statusLabel: string;
  received: number;
  size: number | null;
  detail: string;
  error: string | null;
  actions: DownloadAction[];
}

/** Newest first; live progress, when there is some, wins over the stored numbers. */
export function downloadRows(
  downloads: Record<number, Download>,
  progress: Record<number, DownloadProgress>,
): DownloadRow[] {
  return Object.values(downloads)
    .sort((a, b) => b.id - a.id)
    .map((download) => toRow(download, download.status === 'downloading' ? progress[download.id] : undefined));
}

function toRow(download: Download, live: DownloadProgress | undefined): DownloadRow {
  const received = live?.received ?? download.received;
  const size = live?.size ?? download.size;
  return {
    id: download.id,
    name: download.name ?? nameFromRef(download.ref),
    status: download.status,
    statusLabel: statusLabel(download),
    received,
    size,
    detail: download.unpackedTo
      ? `${formatBytes(received)} · unpacked to ${baseName(download.unpackedTo)}`
      : detail(received, size, live),
    error: download.status === 'failed' ? (download.error?.message ?? 'The download failed.') : null,
    actions: actionsFor(download.status),
  };
}

function detail(received: number, size: number | null, live: DownloadProgress | undefined): string {
  const amount = size === null ? formatBytes(received) : `${formatBytes(received)} of ${formatBytes(size)}`;
  if (!live || live.speed <= 0) return amount;
  const eta = live.eta === null ? '' : ` · ${formatDuration(live.eta)} left`;
  return `${amount} · ${formatBytes(live.speed)}/s${eta}`;
}

export function formatDuration(seconds: number): string {
  const rounded = Math.ceil(seconds);
  if (rounded < 60) return `${rounded} s`;
  if (rounded < 3600) return `${Math.floor(rounded / 60)} min ${rounded % 60} s`;
  return `${Math.floor(rounded / 3600)} h ${Math.floor((rounded % 3600) / 60)} min`;
}

/** A failed row says why in its headline, the detail below it what to do; a waiting one says what it waits for. */
function statusLabel(download: Download): string {
  if (download.status === 'failed' && download.error) return downloadErrorTitles[download.error.code];
  if (download.status === 'waiting' && download.waitingFor) return `Waiting: ${download.waitingFor}`;
  return statusLabels[download.status];
}

function baseName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}

function nameFromRef(ref: string): string {
  try {
    return decodeURIComponent(new URL(ref).pathname.split('/').filter(Boolean).pop() ?? ref);
  } catch {
    return ref;
  }
}
