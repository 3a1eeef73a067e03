import type { Dispatcher } from 'undici';
import type { DownloadSpec } from './download-spec';
import type { EngineError } from './engine-error';
import type { NetworkStatus } from './network-status';
import type { RetryPolicy } from './retry-policy';
import type { ByteRange } from './segments';
import type { SlowRule } from './slow-watch';
import type { TokenBucket } from './token-bucket';

export type TransferStatus = 'downloading' | 'paused' | 'verifying' | 'done' | 'failed' | 'canceled';

/** Everything needed to continue later, in this process or the next one. */
export interface ResumeState {
  fileName: string;
  size: number | null;
  etag?: string;
  lastModified?: string;
  /** The bytes still missing; everything else is in the part file and synced. */
  ranges: ByteRange[];
  /**
   * Set just before the complete part is renamed to `path`: if the part is
   * gone on the next start, the file made it there, even though its done mark
   * may not have been written.
   */
  finishing?: FinishingFile;
  /** Set just before the part is created under `fileName`: recorded as durably as `finishing`. */
  opening?: true;
}

/** The complete file's final path, size and sha256, as it is about to be renamed there. */
export interface FinishingFile {
  path: string;
  size: number;
  sha256: string;
}

export interface TransferProgress {
  status: TransferStatus;
  received: number;
  size: number | null;
  /** Bytes per second, smoothed. */
  speed: number;
  /** Seconds, or null when unknown. */
  eta: number | null;
}

/** A paused transfer that had not created its part yet has no state: resuming it starts afresh. */
export type TransferOutcome =
  | { status: 'done'; path: string; size: number; sha256?: string }
  | { status: 'paused'; state?: ResumeState }
  | { status: 'failed'; error: EngineError; state?: ResumeState }
  | { status: 'canceled' };

export interface TransferOptions {
  spec: DownloadSpec;
  directory: string;
  dispatcher: Dispatcher;
  resume?: ResumeState;
  /** Connections for this file when the server allows ranges: 1 to 16. */
  connections?: number;
  /** Bytes per second for this transfer; 0 is unlimited. */
  speedLimit?: number;
  /** Limits this transfer shares with others: the global one, its queue's. */
  sharedLimits?: TokenBucket[];
  retry?: RetryPolicy;
  /** No bytes for this long means a stalled connection, which is retried. */
  stallTimeoutMs?: number;
  /** When the whole transfer is too slow to keep alive (by default under 1 KiB/s for 30 s, three times in a row). */
  slowRule?: SlowRule;
  checkpointIntervalMs?: number;
  progressIntervalMs?: number;
  onProgress?(progress: TransferProgress): void;
  /** Durable progress; the last one, with `finishing`, comes just before the rename and must be recorded at once. */
  onCheckpoint?(state: ResumeState): void | Promise<void>;
  /** Hears each failure the transfer will try again after `delayMs`, e.g. to slow its account after a 429. */
  onRetry?(error: EngineError, delayMs: number): void;
  /** Whether the computer has a network; a failure while it has none waits for it instead of counting as an attempt. */
  network?: NetworkStatus;
  /** Hears the transfer start and stop waiting for the network, to show it as waiting meanwhile. */
  onOffline?(offline: boolean): void;
}
