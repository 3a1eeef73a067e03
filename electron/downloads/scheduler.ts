import { rm } from 'node:fs/promises';
import type { Download, DownloadError } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import type { Queue } from '../../shared/queues';
import { redactText } from '../../shared/redact';
import type { AccountStore } from '../accounts/account-store';
import { signingAccount } from '../accounts/signing-account';
import type { DownloadSpec } from '../engine/download-spec';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/engine-error';
import { partPath } from '../engine/part-file';
import { TokenBucket } from '../engine/token-bucket';
import type { Transfer } from '../engine/transfer';
import type { ResumeState, TransferOutcome, TransferProgress } from '../engine/transfer-types';
import type { Logger } from '../logger';
import type { Provider } from '../providers/provider';
import { providerFor } from '../providers/registry';
import { redactingLogger } from '../redacting-logger';
import { type DownloadStore, UNPACK_FAILED } from '../store/download-store';
import { sha256File } from './file-hash';
import { isQueueOpen } from './queue-schedule';

export type SchedulerEvent =
  | { event: 'started'; id: number }
  /** A waiting download (a conversion) started receiving bytes. */
  | { event: 'downloading'; id: number }
  | ({ event: 'progress'; id: number } & Omit<TransferProgress, 'status'>)
  /** The file is complete; its provider post-processes it (unpacks it) before it is done. */
  | { event: 'unpacking'; id: number }
  | { event: 'done'; id: number; path: string; size: number; sha256: string; unpackedTo: string | null }
  | { event: 'failed'; id: number; error: DownloadError }
  | { event: 'paused' | 'canceled'; id: number };

const DEFAULT_PER_ACCOUNT = 2;
/** Unpacking is disk-bound: two at a time keep a disk busy without making every one of them slow. */
const MAX_POST_PROCESSING = 2;

export interface SchedulerOptions {
  store: DownloadStore;
  engine: Engine;
  /** Files at once across all queues. */
  maxParallel: number;
  /** Files at once for one account: platforms throttle or ban clients that open too many. */
  maxPerAccount?: number;
  connections?: number;
  /** Where providers that need an account find it; without it such downloads fail with a message. */
  accounts?: AccountStore;
  /** Only these downloads are started (ferry get); all queued ones otherwise (ferry run). */
  only?: ReadonlySet<number>;
  onEvent?(event: SchedulerEvent): void;
  /** How often the database is read for new work and for pause/cancel from other processes. */
  pollIntervalMs?: number;
  logger?: Logger;
}

/**
 * Starts queued downloads within the global and per-queue limits, keeps
 * their progress in the database (so a killed process resumes where it
 * stopped), and follows pause and cancel requests written by other processes.
 */
export class Scheduler {
  private readonly options: SchedulerOptions;
  private readonly running = new Map<number, { transfer: Transfer; download: Download }>();
  private readonly queueLimits = new Map<number, TokenBucket>();
  /** Paused by the scheduler itself (its queue's window closed): they go back to queued, not paused. */
  private readonly yielding = new Set<number>();
  /** Downloads already given one fresh link after an expired or rejected one, so a refusal cannot loop. */
  private readonly refreshed = new Set<number>();
  /** Complete files being post-processed (unpacked), each with a way to stop it when the scheduler stops. */
  private readonly postProcessing = new Map<number, { controller: AbortController; finished: Promise<void> }>();
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(options: SchedulerOptions) {
    this.options = options;
  }

  /** Runs until nothing is running and nothing startable is queued (ferry get, ferry run). */
  runUntilIdle(): Promise<void> {
    return this.loop(() => this.startable().length === 0 && this.toPostProcess().length === 0);
  }

  /** Runs until `stop()`, picking up whatever is added meanwhile (the app). */
  runUntilStopped(): Promise<void> {
    return this.loop(() => false);
  }

  /** Wakes the loop at once, e.g. after downloads were added or settings changed. */
  poke(): void {
    this.wake?.();
  }

  setLimits(limits: { maxParallel: number; connections: number }): void {
    this.options.maxParallel = limits.maxParallel;
    this.options.connections = limits.connections;
    this.poke();
  }

  private async loop(idle: () => boolean): Promise<void> {
    for (;;) {
      try {
        if (!this.stopping) {
          this.fill();
          this.startPostProcessing();
        }
        this.followControls();
        const busy = this.running.size > 0 || this.postProcessing.size > 0;
        if (!busy && (this.stopping || idle())) return;
      } catch (error) {
        // A busy or failing database must not end the loop: the next poll tries again.
        this.logger().error('The download scheduler could not read the library:', error);
      }
      await this.nap();
    }
  }

  private logger(): Logger {
    return this.options.logger ?? redactingLogger(console);
  }

  /** Until the next poll, or sooner when a download settles; leaves no timer behind to hold the process open. */
  private nap(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs ?? 1000);
      this.wake = done;
    });
  }

  /**
   * Pauses everything running and leaves it queued, so the next run resumes
   * it (Ctrl+C, quit); unpacking stops too and starts over next time.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const { controller } of this.postProcessing.values()) controller.abort();
    await Promise.all([
      ...[...this.running.values()].map(({ transfer }) => transfer.pause()),
      ...[...this.postProcessing.values()].map(({ finished }) => finished),
    ]);
    this.wake?.();
  }

  /** Reads the queues and applies their speed limits live to the downloads they run. */
  private readQueues(): Map<number, Queue> {
    const queues = new Map(this.options.store.queues().map((queue) => [queue.id, queue]));
    for (const queue of queues.values()) this.queueLimit(queue.id).setRate(queue.speedLimit);
    return queues;
  }

  private queueLimit(queueId: number): TokenBucket {
    let bucket = this.queueLimits.get(queueId);
    if (!bucket) {
      bucket = new TokenBucket();
      this.queueLimits.set(queueId, bucket);
    }
    return bucket;
  }

  private startable(queues = this.readQueues()): Download[] {
    const canRun = (queue: Queue | undefined) => queue !== undefined && !queue.paused && isQueueOpen(queue);
    return this.options.store
      .queued()
      .filter((download) => this.isMine(download))
      .filter((download) => canRun(queues.get(download.queueId)));
  }

  /** ferry get handles its own downloads only; the app and ferry run handle all. */
  private isMine(download: Download): boolean {
    return !this.options.only || this.options.only.has(download.id);
  }

  /** Complete files waiting for post-processing, including those a quit or crash interrupted. */
  private toPostProcess(): Download[] {
    return this.options.store
      .unpacking()
      .filter((download) => this.isMine(download))
      .filter((download) => !this.postProcessing.has(download.id) && !this.running.has(download.id));
  }

  private startPostProcessing(): void {
    for (const download of this.toPostProcess()) {
      if (this.postProcessing.size >= MAX_POST_PROCESSING) return;
      const controller = new AbortController();
      const finished = this.postProcess(download, controller.signal)
        .catch((error: unknown) => {
          this.logger().error(`Ferry could not record the post-processing of download ${download.id}:`, error);
        })
        .finally(() => {
          this.postProcessing.delete(download.id);
          this.wake?.();
        });
      this.postProcessing.set(download.id, { controller, finished });
    }
  }

  /** A failure keeps the complete file; retrying the download unpacks again rather than downloading again. */
  private async postProcess(download: Download, signal: AbortSignal): Promise<void> {
    const step = providerFor(download.ref)?.postProcess?.(download) ?? null;
    let unpackedTo: string | null;
    try {
      unpackedTo = step && download.path ? await step(download.path, signal) : null;
    } catch (error) {
      // Stopped or canceled: a stopped download stays unpacking and the next run starts it over.
      if (signal.aborted) return;
      this.logger().warn(`Download ${download.id} could not be post-processed:`, error);
      const reason = error instanceof Error ? error.message : String(error);
      this.failed(download.id, {
        code: UNPACK_FAILED,
        message: `Downloaded, but not unpacked: ${reason} The file is kept: Retry unpacks it again; to download it anew, cancel it, then retry.`,
      });
      return;
    }
    this.options.store.unpacked(download.id, unpackedTo);
    await this.emitDone(download.id);
  }

  /** Reads the finished row, so a download post-processed after a restart reports the same as one that was not. */
  private async emitDone(id: number): Promise<void> {
    const done = this.options.store.get(id);
    if (!done?.path) return;
    const sha256 = done.sha256 ?? (await sha256File(done.path));
    if (!done.sha256) this.options.store.setSha256(id, sha256);
    this.emit({ event: 'done', id, path: done.path, size: done.size ?? 0, sha256, unpackedTo: done.unpackedTo });
  }

  private fill(): void {
    const queues = this.readQueues();
    for (const download of this.startable(queues)) {
      if (this.running.size >= this.options.maxParallel) return;
      // Paused then resumed within one poll: the old transfer is still settling.
      if (this.running.has(download.id)) continue;
      if (this.count((run) => run.queueId === download.queueId) >= queueConcurrency(queues.get(download.queueId))) {
        continue;
      }
      if (
        download.accountId !== null &&
        this.count((run) => run.accountId === download.accountId) >= this.perAccount()
      ) {
        continue;
      }
      this.start(download);
    }
  }

  private count(matches: (download: Download) => boolean): number {
    return [...this.running.values()].filter((run) => matches(run.download)).length;
  }

  private perAccount(): number {
    return this.options.maxPerAccount ?? DEFAULT_PER_ACCOUNT;
  }

  /** Asks the download's provider for the spec, signed with its account; a problem fails it with the reason. */
  private resolve(download: Download): { spec: DownloadSpec; provider: Provider; accountLabel: string | null } | null {
    const provider = providerFor(download.ref);
    const problem = provider ? provider.refProblem(download.ref) : `Ferry cannot download "${download.ref}".`;
    if (!provider || problem) {
      this.failed(download.id, { code: 'bad_ref', message: problem ?? 'Ferry cannot download this.' });
      return null;
    }
    if (!provider.needsAccount) return { spec: provider.resolve(download.ref, null), provider, accountLabel: null };
    try {
      const account = signingAccount(this.options.accounts, provider.id, download.accountId);
      return { spec: provider.resolve(download.ref, account), provider, accountLabel: account.label };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.failed(download.id, { code: error instanceof FerryError ? error.code : 'account', message });
      return null;
    }
  }

  private start(download: Download): void {
    const { store, engine } = this.options;
    const resolved = this.resolve(download);
    if (!resolved) return;
    const { spec } = resolved;
    // A spec that allows a long first-byte wait (a conversion) shows as waiting until bytes arrive.
    const waits = spec.firstByteTimeoutMs !== undefined;
    let flowing = !waits;
    // Only a download still queued starts: another process may have paused it since the read.
    if (store.transition([download.id], ['queued'], waits ? 'waiting' : 'downloading') === 0) return;
    const transfer = engine.transfer({
      spec,
      directory: download.directory,
      resume: store.resumeState(download.id),
      connections: download.connections ?? this.options.connections,
      speedLimit: download.speedLimit ?? 0,
      sharedLimits: [this.queueLimit(download.queueId)],
      onCheckpoint: (state) => store.recordCheckpoint(download.id, state, receivedIn(state)),
      onProgress: ({ status: _status, ...progress }) => {
        if (!flowing && progress.received > 0) {
          flowing = true;
          store.transition([download.id], ['waiting'], 'downloading');
          this.emit({ event: 'downloading', id: download.id });
        }
        this.emit({ event: 'progress', id: download.id, ...progress });
      },
    });
    this.running.set(download.id, { transfer, download });
    this.emit({ event: 'started', id: download.id });
    void transfer.run().then((outcome) => this.settle(download, transfer, explain(outcome, resolved)));
  }

  private async settle(download: Download, transfer: Transfer, outcome: TransferOutcome): Promise<void> {
    try {
      await this.record(download, outcome);
    } catch (error) {
      this.logger().error(`Ferry could not record the result of download ${download.id}:`, error);
      this.failed(download.id, {
        code: 'storage',
        message: 'Ferry could not save the result of this download in its library. Retry it; a finished file is kept.',
      });
    } finally {
      if (this.running.get(download.id)?.transfer === transfer) this.running.delete(download.id);
      this.wake?.();
    }
  }

  private async record(download: Download, outcome: TransferOutcome): Promise<void> {
    const { store } = this.options;
    const { id } = download;
    if (outcome.status === 'done') {
      this.refreshed.delete(id);
      const postProcessed = providerFor(download.ref)?.postProcess?.(download) != null;
      // The row records the file the moment it has its final name; the hash, a second read, comes after.
      store.finish(
        id,
        { path: outcome.path, size: outcome.size, sha256: outcome.sha256 },
        postProcessed ? 'unpacking' : 'done',
      );
      const sha256 = outcome.sha256 ?? (await sha256File(outcome.path));
      store.setSha256(id, sha256);
      if (postProcessed) this.emit({ event: 'unpacking', id });
      else this.emit({ event: 'done', id, path: outcome.path, size: outcome.size, sha256, unpackedTo: null });
    } else if (outcome.status === 'failed') {
      if (outcome.state) store.recordCheckpoint(id, outcome.state, receivedIn(outcome.state));
      if (this.shouldRefresh(id, outcome)) {
        // A link that expired or a token rejected mid-download: resolve afresh and resume, never start over.
        store.transition([id], ['waiting', 'downloading'], 'queued');
        return;
      }
      this.refreshed.delete(id);
      this.failed(id, { code: outcome.error.code, message: outcome.error.message });
    } else if (outcome.status === 'paused') {
      if (outcome.state) store.recordCheckpoint(id, outcome.state, receivedIn(outcome.state));
      // Stopping or a closed window sends it back to the queue; a pause a person asked for stays.
      if (this.yielding.delete(id) || this.stopping) store.transition([id], ['waiting', 'downloading'], 'queued');
      this.emit({ event: 'paused', id });
    } else {
      store.clearResumeState(id);
      this.emit({ event: 'canceled', id });
    }
  }

  private shouldRefresh(id: number, outcome: Extract<TransferOutcome, { status: 'failed' }>): boolean {
    const expired = outcome.error.status === 401 || outcome.error.status === 403 || outcome.error.status === 410;
    if (!expired || !outcome.state || this.refreshed.has(id)) return false;
    this.refreshed.add(id);
    return true;
  }

  /** Failure messages reach the library, the window and the CLI, so they pass the redaction step first. */
  private failed(id: number, error: DownloadError): void {
    const safe = { code: error.code, message: redactText(error.message) };
    this.options.store.fail(id, safe);
    this.emit({ event: 'failed', id, error: safe });
  }

  /**
   * Another process (ferry pause, the app) may have paused or canceled a
   * running download or unpack, or its queue's window may have closed.
   */
  private followControls(): void {
    for (const [id, { controller }] of this.postProcessing) {
      if (this.options.store.get(id)?.status === 'canceled') controller.abort();
    }
    const queues = this.readQueues();
    for (const [id, { transfer, download }] of this.running) {
      const status = this.options.store.get(id)?.status;
      const queue = queues.get(download.queueId);
      if (status === 'paused') void transfer.pause();
      else if (status === 'canceled') void transfer.cancel();
      else if (queue && (queue.paused || !isQueueOpen(queue))) {
        this.yielding.add(id);
        void transfer.pause();
      }
    }
  }

  private emit(event: SchedulerEvent): void {
    this.options.onEvent?.(event);
  }
}

/** Lets the provider say what a failure means on its platform (wrong credentials versus a missing file). */
function explain(
  outcome: TransferOutcome,
  resolved: { provider: Provider; accountLabel: string | null },
): TransferOutcome {
  if (outcome.status !== 'failed' || outcome.error.status === undefined) return outcome;
  const message = resolved.provider.explainStatus?.(outcome.error.status, resolved.accountLabel);
  if (!message) return outcome;
  const { code, status, retryable } = outcome.error;
  return { ...outcome, error: new EngineError(code, message, { status, retryable }) };
}

/** A queue's own limit; 0 means it has none and only the global and account limits apply. */
function queueConcurrency(queue: Queue | undefined): number {
  if (!queue) return 0;
  return queue.concurrency === 0 ? Number.POSITIVE_INFINITY : queue.concurrency;
}

/** Bytes on disk according to a resume state. */
export function receivedIn(state: ResumeState): number {
  if (state.size === null) return state.ranges[0]?.start ?? 0;
  const missing = state.ranges.reduce((sum, range) => sum + ((range.end ?? state.size ?? 0) - range.start), 0);
  return state.size - missing;
}

/** For a canceled download no engine is running: its part file goes here. */
export async function removePart(download: Download, state: ResumeState | undefined): Promise<void> {
  if (state) await rm(partPath(download.directory, state.fileName), { force: true });
}
