export const downloadStatuses = [
  'queued',
  'resolving',
  'waiting',
  'downloading',
  'paused',
  'verifying',
  'done',
  'failed',
  'canceled',
] as const;

export type DownloadStatus = (typeof downloadStatuses)[number];

/** Statuses a process was in the middle of when it stopped: they come back as queued. */
export const activeStatuses: readonly DownloadStatus[] = ['resolving', 'waiting', 'downloading', 'verifying'];

export interface DownloadError {
  code: string;
  message: string;
}

/** One file Ferry fetches, as the library keeps it. Speed and ETA are live values, not stored. */
export interface Download {
  id: number;
  queueId: number;
  accountId: string | null;
  ref: string;
  status: DownloadStatus;
  name: string | null;
  path: string | null;
  directory: string;
  size: number | null;
  received: number;
  error: DownloadError | null;
  priority: number;
  /** Per-download overrides of the settings; null means "use the settings". */
  connections: number | null;
  speedLimit: number | null;
  createdAt: number;
  finishedAt: number | null;
  sha256: string | null;
}
