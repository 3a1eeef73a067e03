import { notifySafely } from './notify-safely';
import type { PartFile } from './part-file';
import type { RemoteFile } from './pass-context';
import type { SegmentPlan } from './segments';
import { every } from './ticker';
import type { ResumeState } from './transfer-types';

/** What a checkpoint reads: the part to sync, what it still lacks, and which file on the server it holds. */
export interface CheckpointSource {
  part: Pick<PartFile, 'name' | 'sync'>;
  plan: Pick<SegmentPlan, 'toRanges'>;
  remote: Pick<RemoteFile, 'size' | 'validator'>;
}

/**
 * Makes a transfer's progress durable. A checkpoint takes the positions first
 * and syncs the part after, so every byte a reported state claims is on disk.
 * Checkpoints run one at a time, so none can report bytes that another is
 * still syncing.
 */
export class Checkpointer {
  private dirty = false;
  private queue: Promise<unknown> = Promise.resolve();
  private lastDurable: ResumeState | undefined;
  private cancel: (() => void) | undefined;

  /** `source` gives undefined while there is nothing to record yet: no part, or no plan. */
  constructor(
    private readonly source: () => CheckpointSource | undefined,
    private readonly listener: ((state: ResumeState) => void | Promise<void>) | undefined,
  ) {}

  /** Bytes were written since the last sync. */
  wrote(): void {
    this.dirty = true;
  }

  /** Checkpoints every `intervalMs` until `stop`. */
  start(intervalMs: number): void {
    this.cancel = every(intervalMs, () => void this.request().catch(() => undefined));
  }

  /** No more timed checkpoints; resolves once the ones already queued are done. */
  async stop(): Promise<void> {
    this.cancel?.();
    await this.idle();
  }

  /** Resolves once the checkpoints queued so far are done, whether they failed or not. */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Queues a checkpoint after those already queued. */
  request(): Promise<ResumeState | undefined> {
    const next = this.queue.then(() => this.checkpoint());
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * A state that names a file instead of reading the part (the part about to be created, the complete file about
   * to take its final name), waited for, so the listener keeps it before the file changes. Advisory, as every
   * checkpoint is to the engine: a listener that fails only loses that record.
   */
  async announce(state: ResumeState): Promise<void> {
    try {
      await this.listener?.(state);
    } catch {}
  }

  /** The state to resume from; after a failed sync only the last durable one may be trusted. */
  final(): Promise<ResumeState | undefined> {
    return this.request().catch(() => this.lastDurable);
  }

  private async checkpoint(): Promise<ResumeState | undefined> {
    const current = this.source();
    if (!current) return undefined;
    const { part, plan, remote } = current;
    const state = { fileName: part.name, size: remote.size, ...remote.validator, ranges: plan.toRanges() };
    if (this.dirty) {
      this.dirty = false;
      try {
        await part.sync();
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    }
    this.lastDurable = state;
    notifySafely(() => this.listener?.(state));
    return state;
  }
}
