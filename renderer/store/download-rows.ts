import { downloadErrorTitles } from '../../shared/download-errors';
import { actionsFor, type DownloadAction, type DownloadStatus, statusLabels } from '../../shared/download-status';
import type { Download, DownloadProgress } from '../../shared/downloads';
import { formatBytes } from '../../shared/format';
import { type PlatformId, platforms } from '../../shared/platforms';

/** One line of the Downloads list, ready to show. */
export interface DownloadRow {
  id: number;
  name: string;
  status: DownloadStatus;
  statusLabel: string;
  /** The platform's name as people know it: "Scenario", "Direct link". */
  platform: string;
  received: number;
  size: number | null;
  /** 0 to 1, for the bar. */
  fraction: number;
  /** "1 MiB of 4 MiB", or what arrived when the size is unknown. */
  amount: string;
  /** "1 MiB/s" and "3 s left" while it runs and moves; null otherwise. */
  speed: string | null;
  timeLeft: string | null;
  /** Everything below the name in one line: the amount, speed and time left, or where an archive went. */
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
    .map((download) => downloadRow(download, liveProgress(download, progress)));
}

/** Its latest report while it transfers; a download that stopped keeps its last, stale report, which does not count. */
export function liveProgress(
  download: Download | undefined,
  progress: Record<number, DownloadProgress>,
): DownloadProgress | undefined {
  return download?.status === 'downloading' ? progress[download.id] : undefined;
}

/** One download as its row shows it; `live` is its latest progress report while it runs. */
export function downloadRow(download: Download, live: DownloadProgress | undefined): DownloadRow {
  const received = live?.received ?? download.received;
  const size = live?.size ?? download.size;
  const amount = size === null ? formatBytes(received) : `${formatBytes(received)} of ${formatBytes(size)}`;
  const moving = live !== undefined && live.speed > 0;
  const speed = moving ? `${formatBytes(live.speed)}/s` : null;
  const timeLeft = moving && live.eta !== null ? `${formatDuration(live.eta)} left` : null;
  return {
    id: download.id,
    name: downloadName(download),
    status: download.status,
    statusLabel: statusLabel(download, live),
    platform: platformName(download.provider),
    received,
    size,
    fraction: progressFraction(download, live),
    amount,
    speed,
    timeLeft,
    detail: download.unpackedTo
      ? `${formatBytes(received)} · unpacked to ${baseName(download.unpackedTo)}`
      : [amount, speed, timeLeft].filter(Boolean).join(' · '),
    error: download.status === 'failed' ? (download.error?.message ?? 'The download failed.') : null,
    actions: actionsFor(download.status),
  };
}

/** Received over size, 0 to 1; a finished download is whole even when its size was never known. */
export function progressFraction(download: Download, live: DownloadProgress | undefined): number {
  if (download.status === 'done') return 1;
  const received = live?.received ?? download.received;
  const size = live?.size ?? download.size;
  return size ? Math.min(1, received / size) : 0;
}

/** The name the server gave, else the link's `?filename=` (as gateway links carry), else the last part of the link. */
export function downloadName(download: Download): string {
  return download.name ?? nameFromRef(download.ref);
}

export function platformName(provider: string): string {
  return platforms[provider as PlatformId]?.displayName ?? provider;
}

export function formatDuration(seconds: number): string {
  const rounded = Math.ceil(seconds);
  if (rounded < 60) return `${rounded} s`;
  if (rounded < 3600) return `${Math.floor(rounded / 60)} min ${rounded % 60} s`;
  return `${Math.floor(rounded / 3600)} h ${Math.floor((rounded % 3600) / 60)} min`;
}

/**
 * A failed row says why in its headline, the detail below it what to do; a waiting one says what it waits for, and
 * a CID from IPFS gateways that each block is checked against its CID as it arrives.
 */
export function statusLabel(download: Download, live?: DownloadProgress): string {
  if (download.status === 'failed' && download.error) return downloadErrorTitles[download.error.code];
  if (download.status === 'waiting' && download.waitingFor) return `Waiting: ${download.waitingFor}`;
  if (download.status === 'downloading' && live?.verifyingCid) return 'Verifying against its CID';
  return statusLabels[download.status];
}

function baseName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}

function nameFromRef(ref: string): string {
  try {
    const url = new URL(ref);
    return url.searchParams.get('filename') || decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? ref);
  } catch {
    return ref;
  }
}
