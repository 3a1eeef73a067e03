import type { DownloadError } from '../../shared/download-errors';
import type { TransferProgress } from '../engine/transfer-types';

/** What the scheduler tells its host (the app's event batching, the CLI's reporter) as downloads move. */
export type SchedulerEvent =
  | { event: 'started'; id: number }
  /** It waits for the platform (a batch job, a locked file), for this reason. */
  | { event: 'waiting'; id: number; reason: string }
  /** A waiting download (a conversion) started receiving bytes. */
  | { event: 'downloading'; id: number }
  /** `verifyingCid`: each block is checked against its CID as it arrives. */
  | ({ event: 'progress'; id: number; verifyingCid?: boolean } & Omit<TransferProgress, 'status'>)
  /** The file is complete; its provider post-processes it (unpacks it) before it is done. */
  | { event: 'unpacking'; id: number }
  /** `sha256` is null when the file could not be read back to hash it; it is done all the same. */
  | { event: 'done'; id: number; path: string; size: number; sha256: string | null; unpackedTo: string | null }
  | { event: 'failed'; id: number; error: DownloadError }
  | { event: 'paused' | 'canceled'; id: number };
