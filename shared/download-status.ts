/**
 * What a download's status means, where it may go next, and what a person may
 * do in it: the one table that the library, the scheduler, the CLI and the
 * window all read. A status change that this table does not allow is a bug,
 * and the library refuses it with an IllegalTransitionError.
 */

export const downloadStatuses = [
  'queued',
  'resolving',
  'waiting',
  'downloading',
  'paused',
  'verifying',
  /** The file is complete and being unpacked; a quit or crash picks it up again on the next start. */
  'unpacking',
  'done',
  'failed',
  'canceled',
] as const;

export type DownloadStatus = (typeof downloadStatuses)[number];

/** What each status means, in the words the window shows. */
export const statusLabels: Record<DownloadStatus, string> = {
  queued: 'Queued',
  resolving: 'Starting',
  waiting: 'Waiting for the server',
  downloading: 'Downloading',
  paused: 'Paused',
  verifying: 'Checking',
  unpacking: 'Unpacking',
  done: 'Done',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** A process is fetching it: when that process stops, it goes back to the queue. */
const inFlight = ['resolving', 'waiting', 'downloading', 'verifying'] as const satisfies readonly DownloadStatus[];

/**
 * Every status a download may move to from each status. Once the last byte is
 * in, the file is a fact: a pause, cancel or resume that arrives after it is too
 * late, so every status that is not settled may still finish (`done`, or
 * `unpacking` first). A failure, though, never overrides a person's pause or cancel.
 */
const nextStatuses: Record<DownloadStatus, readonly DownloadStatus[]> = {
  queued: ['resolving', 'waiting', 'downloading', 'paused', 'canceled', 'failed', 'done', 'unpacking'],
  resolving: ['waiting', 'downloading', 'queued', 'paused', 'canceled', 'failed', 'done', 'unpacking'],
  // A waiting download may wait for something else next (a batch job moves from queued to in progress).
  waiting: ['waiting', 'downloading', 'queued', 'paused', 'canceled', 'failed', 'done', 'unpacking'],
  // A download whose network went away waits for it.
  downloading: ['waiting', 'verifying', 'queued', 'paused', 'canceled', 'failed', 'done', 'unpacking'],
  verifying: ['queued', 'paused', 'canceled', 'failed', 'done', 'unpacking'],
  paused: ['queued', 'canceled', 'done', 'unpacking'],
  unpacking: ['done', 'failed', 'canceled'],
  done: [],
  // Retry downloads again, or only unpacks again when the file arrived but would not unpack.
  failed: ['queued', 'unpacking', 'canceled'],
  canceled: ['queued', 'done', 'unpacking'],
};

export function canMove(from: DownloadStatus, to: DownloadStatus): boolean {
  return nextStatuses[from].includes(to);
}

/** The statuses a download may be in to move to `to`, in table order. */
export function statusesInto(to: DownloadStatus): DownloadStatus[] {
  return downloadStatuses.filter((from) => canMove(from, to));
}

export class IllegalTransitionError extends Error {
  readonly from: readonly DownloadStatus[];
  readonly to: DownloadStatus;

  constructor(from: readonly DownloadStatus[], to: DownloadStatus) {
    super(`A download cannot go from ${from.join(' or ')} to ${to}.`);
    this.name = 'IllegalTransitionError';
    this.from = from;
    this.to = to;
  }
}

/** Throws unless every status in `from` may move to `to`. */
export function assertMoves(from: readonly DownloadStatus[], to: DownloadStatus): void {
  const illegal = from.filter((status) => !canMove(status, to));
  if (illegal.length > 0) throw new IllegalTransitionError(illegal, to);
}

/** Fetching in some process; when that process stops or crashes, these come back queued. */
export const inFlightStatuses: readonly DownloadStatus[] = inFlight;

/** Something is working on it (fetching or unpacking): it cannot be removed now. */
export function isBusy(status: DownloadStatus): boolean {
  return inFlightStatuses.includes(status) || status === 'unpacking';
}

export const downloadActions = ['pause', 'resume', 'cancel', 'retry'] as const;
export type DownloadAction = (typeof downloadActions)[number];

/**
 * What each thing a person can do does: which statuses it applies to and what
 * it turns them into. In the order a row offers them.
 */
export const actionRules: Record<DownloadAction, { from: readonly DownloadStatus[]; to: DownloadStatus }> = {
  resume: { from: ['paused'], to: 'queued' },
  pause: { from: ['queued', 'resolving', 'waiting', 'downloading'], to: 'paused' },
  retry: { from: ['failed', 'canceled'], to: 'queued' },
  // Canceling an unpack stops it; the downloaded file stays where it is.
  cancel: { from: ['queued', 'resolving', 'waiting', 'downloading', 'paused', 'failed', 'unpacking'], to: 'canceled' },
};

/** The actions a person may take on a download in this status. */
export function actionsFor(status: DownloadStatus): DownloadAction[] {
  return (Object.keys(actionRules) as DownloadAction[]).filter((action) => actionRules[action].from.includes(status));
}
