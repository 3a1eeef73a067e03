import type { Download } from '../../shared/downloads';
import type { Queue } from '../../shared/queues';
import type { AccountStore } from '../accounts/account-store';
import type { Engine } from '../engine/engine';
import { TokenBucket } from '../engine/token-bucket';
import type { Logger } from '../logs/logger';
import type { ProviderRegistry } from '../providers/registry';
import type { DownloadStore } from '../store/download-store';
import { type Control, controlsFor } from './control-follower';
import { DownloadRunner, type Run } from './download-runner';
import { withFinishingFailpoints } from './finishing-failpoints';
import { recordInHistory } from './history-recorder';
import { pickStartable } from './pick-startable';
import { PostProcessor } from './post-processor';
import type { SchedulerEvent } from './scheduler-events';

const DEFAULT_PER_ACCOUNT = 2;

export interface SchedulerOptions {
  store: DownloadStore;
  engine: Engine;
  providers: ProviderRegistry;
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
  /** How often the library is read for pause and cancel from other processes and for queue windows. */
  pollIntervalMs?: number;
  logger: Logger;
}

/**
 * The loop that keeps downloads moving: starts what `pickStartable` allows,
 * hands complete files to post-processing, and follows the controls that
 * people write into the library, from this process or another. It wakes when
 * told (`poke`), when a download settles, and on a slow poll for other processes.
 */
export class Scheduler {
  private readonly options: SchedulerOptions;
  private readonly logger: Logger;
  private readonly runner: DownloadRunner;
  private readonly postProcessor: PostProcessor;
  private readonly running = new Map<number, Run>();
  private readonly queueLimits = new Map<number, TokenBucket>();
  /** Paused by the scheduler itself (its queue closed): they go back to queued, not paused. */
  private readonly yielding = new Set<number>();
  private stopping = false;
  /** Held while the computer sleeps: nothing starts, and what ran waits in the queue. */
  private holding = false;
  private wake: (() => void) | null = null;
  /**
   * The queued downloads in start order, read again only when they may have
   * changed (a poke, the poll for other processes, a run that went back to the
   * queue): reading thousands of rows each time a slot frees made a long queue
   * slower per file than a short one.
   */
  private queued: Download[] | null = null;
  /** The library's data version when the queue was last read: it moves only when another process commits. */
  private seenVersion = -1;

  constructor(options: SchedulerOptions) {
    this.options = options;
    const { logger } = options;
    this.logger = logger;
    const emit = (event: SchedulerEvent) => {
      recordInHistory(options.store, event);
      options.onEvent?.(event);
    };
    this.runner = new DownloadRunner({
      ...options,
      engine: withFinishingFailpoints(options.engine),
      connections: () => this.options.connections,
      queueLimit: (queueId) => this.queueLimit(queueId),
      emit,
      logger,
    });
    this.postProcessor = new PostProcessor({
      ...options,
      emit,
      logger,
      fail: (id, error) => this.runner.fail(id, error),
    });
  }

  /** Runs until nothing is running and nothing startable is queued (ferry get, ferry run). */
  runUntilIdle(): Promise<void> {
    return this.loop(
      () => this.pick(this.queuedHere(), this.readQueues()).length === 0 && this.toPostProcess().length === 0,
    );
  }

  /** Runs until `stop()`, picking up whatever is added meanwhile (the app). */
  runUntilStopped(): Promise<void> {
    return this.loop(() => false);
  }

  /** Wakes the loop at once, e.g. after downloads were added or controlled, or settings changed. */
  poke(): void {
    this.queued = null;
    this.wake?.();
  }

  setLimits(limits: { maxParallel: number; connections: number }): void {
    this.options.maxParallel = limits.maxParallel;
    this.options.connections = limits.connections;
    this.poke();
  }

  /**
   * Pauses everything running and leaves it queued, so the next run resumes
   * it (Ctrl+C, quit); unpacking stops too and starts over next time.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...[...this.running.values()].map((run) => run.stop('pause')), this.postProcessor.stop()]);
    this.wake?.();
  }

  /**
   * Pauses what runs, saving where each got to, and starts nothing until
   * `release()`: the computer is going to sleep, and its connections with it.
   */
  async hold(): Promise<void> {
    this.holding = true;
    const runs = [...this.running.values()];
    for (const run of runs) this.yielding.add(run.download.id);
    await Promise.all(runs.map((run) => run.stop('pause').then(() => run.recorded)));
  }

  release(): void {
    this.holding = false;
    this.poke();
  }

  private async loop(idle: () => boolean): Promise<void> {
    for (;;) {
      try {
        const queues = this.readQueues();
        if (!this.stopping && !this.holding) {
          this.fill(queues);
          for (const download of this.toPostProcess()) this.postProcessor.add(download, () => this.wake?.());
        }
        this.followControls(queues);
        const busy = this.running.size > 0 || this.postProcessor.size > 0;
        if (!busy && (this.stopping || idle())) return;
      } catch (error) {
        // A busy or failing library must not end the loop: the next round tries again.
        this.logger.error('The download scheduler could not read the library:', error);
      }
      await this.nap();
    }
  }

  /** Until the next poll, or sooner when woken; leaves no timer behind to hold the process open. */
  private nap(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(() => {
        this.forgetQueueIfChangedElsewhere();
        done();
      }, this.options.pollIntervalMs ?? 1000);
      this.wake = done;
    });
  }

  /**
   * Starts what may start. A download that fails before its first request (a
   * bad ref, a missing account) frees its slot for the next at once, from the
   * same read of the queue.
   */
  private fill(queues: ReadonlyMap<number, Queue>): void {
    const queued = this.queuedHere();
    for (;;) {
      const picked = this.pick(queued, queues);
      if (picked.length === 0) return;
      const failed = picked.filter((download) => !this.start(download));
      takeOut(queued, new Set(picked.map((download) => download.id)));
      if (failed.length === 0) return;
    }
  }

  /** Another process may have added, retried or resumed downloads; this one's own changes it knows. */
  private forgetQueueIfChangedElsewhere(): void {
    const version = this.options.store.dataVersion();
    if (version !== this.seenVersion) this.queued = null;
    this.seenVersion = version;
  }

  /** Queued downloads this scheduler handles, but for those still being unpacked after a cancel and a retry. */
  private queuedHere(): Download[] {
    if (!this.queued) {
      this.seenVersion = this.options.store.dataVersion();
      this.queued = this.options.store
        .queued()
        .filter((download) => this.isMine(download) && !this.postProcessor.has(download.id));
    }
    return this.queued;
  }

  private pick(queued: Download[], queues: ReadonlyMap<number, Queue>): Download[] {
    const running = [...this.running.values()].map((run) => run.download);
    const limits = {
      maxParallel: this.options.maxParallel,
      maxPerAccount: this.options.maxPerAccount ?? DEFAULT_PER_ACCOUNT,
    };
    return pickStartable(queued, running, queues, limits, new Date());
  }

  private start(download: Download): boolean {
    const run = this.runner.start(download, () => this.yielding.delete(download.id) || this.stopping);
    if (!run) return false;
    this.running.set(download.id, run);
    void run.recorded.finally(() => {
      if (this.running.get(download.id) === run) this.running.delete(download.id);
      // Yielded, or sent back to fetch a fresh link: it is queued again.
      if (this.options.store.statuses([download.id]).get(download.id) === 'queued') this.queued = null;
      this.wake?.();
    });
    return true;
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
      .filter((download) => !this.postProcessor.has(download.id) && !this.running.has(download.id));
  }

  /** Pause, cancel and closing queue windows, whichever process wrote them. */
  private followControls(queues: ReadonlyMap<number, Queue>): void {
    const ids = [...this.running.keys(), ...this.postProcessor.ids()];
    const statuses = this.options.store.statuses(ids);
    // Canceled, removed, or canceled and retried since: whatever it is now, it is no longer to unpack.
    for (const id of this.postProcessor.ids()) if (statuses.get(id) !== 'unpacking') this.postProcessor.cancel(id);
    const running = [...this.running.values()].map((run) => run.download);
    for (const [id, control] of controlsFor(running, statuses, queues, new Date())) this.apply(id, control);
  }

  private apply(id: number, control: Control): void {
    const run = this.running.get(id);
    if (!run) return;
    if (control === 'yield') this.yielding.add(id);
    void run.stop(control === 'cancel' ? 'cancel' : 'pause');
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
}

/** Drops the started downloads from the queue they were picked from; they are near its front. */
function takeOut(queued: Download[], ids: ReadonlySet<number>): void {
  let left = ids.size;
  for (let i = 0; i < queued.length && left > 0; ) {
    if (ids.has((queued[i] as Download).id)) {
      queued.splice(i, 1);
      left -= 1;
    } else {
      i += 1;
    }
  }
}
