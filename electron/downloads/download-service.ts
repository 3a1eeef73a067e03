import type { DownloadAction } from '../../shared/download-status';
import type { Download, DownloadProgress } from '../../shared/downloads';
import type { Queue } from '../../shared/queues';
import { forDisplay } from '../../shared/redact';
import type { RefPreview } from '../../shared/ref-preview';
import type { AccountStore } from '../accounts/account-store';
import { Engine } from '../engine/engine';
import type { NetworkStatus } from '../engine/network-status';
import type { EventHub } from '../ipc/event-hub';
import type { Logger } from '../logs/logger';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsStore } from '../settings/settings-store';
import type { DownloadStore } from '../store/download-store';
import { acquireProfileLock, type ProfileLock } from '../store/profile-lock';
import { applyControl } from './download-controls';
import { enqueue } from './enqueue';
import { type PreviewRequest, previewRefs } from './preview-refs';
import { Scheduler } from './scheduler';
import type { SchedulerEvent } from './scheduler-events';

/** At most ten event batches a second reach the window, however many downloads run. */
export const BATCH_INTERVAL_MS = 100;
const LOCK_RETRY_MS = 5000;
const EXTERNAL_CHANGE_POLL_MS = 1000;

interface AddRequest {
  refs: string[];
  queueId?: number;
  unpack?: boolean;
  accountId?: string;
  directory?: string;
}

interface DownloadServiceOptions {
  store: DownloadStore;
  accounts: AccountStore;
  providers: ProviderRegistry;
  profileDir: string;
  settings: SettingsStore;
  events: EventHub;
  logger: Logger;
  /** Whether the computer has a network; without one, transfers wait instead of spending their retries. */
  network?: NetworkStatus;
}

/**
 * The app's side of the library: adds and controls downloads, runs the
 * scheduler while it holds the profile lock, and sends changes and progress
 * to the window in batches.
 */
export class DownloadService {
  private readonly options: DownloadServiceOptions;
  private readonly store: DownloadStore;
  private readonly engine: Engine;
  private readonly scheduler: Scheduler;
  private readonly pendingProgress = new Map<number, DownloadProgress>();
  private readonly pendingChanges = new Set<number>();
  private readonly unsubscribe: () => void;
  private flushTimer: NodeJS.Timeout | null = null;
  private lockTimer: NodeJS.Timeout | null = null;
  private readonly externalTimer: NodeJS.Timeout;
  private dataVersion: number;
  private lock: ProfileLock | null = null;
  private running: Promise<void> | null = null;

  constructor(options: DownloadServiceOptions) {
    this.options = options;
    this.store = options.store;
    const settings = options.settings.get();
    this.engine = new Engine({ globalSpeedLimit: settings.speedLimit, network: options.network });
    this.scheduler = new Scheduler({
      store: this.store,
      accounts: options.accounts,
      providers: options.providers,
      engine: this.engine,
      logger: options.logger,
      maxParallel: settings.maxParallelDownloads,
      connections: settings.connectionsPerDownload,
      pollIntervalMs: 500,
      onEvent: (event) => this.collect(event),
    });
    // A ferry CLI may add, pause or cancel downloads meanwhile: the window should see that too.
    this.dataVersion = this.store.dataVersion();
    this.externalTimer = setInterval(() => this.followExternalChanges(), EXTERNAL_CHANGE_POLL_MS);
    this.unsubscribe = options.events.subscribe(({ event, payload }) => {
      if (event !== 'settings:changed') return;
      this.engine.setGlobalSpeedLimit(payload.speedLimit);
      this.scheduler.setLimits({
        maxParallel: payload.maxParallelDownloads,
        connections: payload.connectionsPerDownload,
      });
    });
  }

  /** Takes the profile lock and runs downloads; while a ferry CLI holds it, tries again every few seconds. */
  start(): void {
    try {
      this.lock = acquireProfileLock(this.options.profileDir);
    } catch (error) {
      this.options.logger.warn(error instanceof Error ? error.message : String(error));
      this.lockTimer = setTimeout(() => this.start(), LOCK_RETRY_MS);
      return;
    }
    const interrupted = this.options.settings.get().interruptedDownloads === 'pause' ? 'paused' : 'queued';
    if (this.store.requeueInterrupted(interrupted) > 0) this.markAllChanged();
    this.running = this.scheduler.runUntilStopped();
  }

  async add(request: AddRequest): Promise<Download[]> {
    const { store, accounts, providers, settings } = this.options;
    const added = await enqueue(
      { store, accounts, providers, settings: settings.get() },
      { ...request, accountId: request.accountId ?? null },
    );
    for (const download of added) this.changed(download.id);
    this.scheduler.poke();
    return added.map(forDisplay);
  }

  /** What each ref would become, before anything is queued. */
  preview(request: PreviewRequest): RefPreview[] {
    return previewRefs(this.options.providers, this.options.accounts, request);
  }

  list(): Download[] {
    return this.store.list().map(forDisplay);
  }

  queues(): Queue[] {
    return this.store.queues();
  }

  async control(request: { action: DownloadAction; ids: number[] | 'all' }): Promise<{ changed: number }> {
    const changed = await applyControl(this.store, request.action, request.ids);
    if (request.ids === 'all') this.markAllChanged();
    else this.markChanged(request.ids);
    return { changed };
  }

  /** Downloads changed by someone else (the library): tell the window, and let the scheduler look again. */
  markChanged(ids: number[]): void {
    for (const id of ids) this.changed(id);
    this.scheduler.poke();
  }

  /** The computer goes to sleep: what runs is paused and saved, back in the queue, and nothing starts until `wake()`. */
  suspend(): Promise<void> {
    return this.scheduler.hold();
  }

  wake(): void {
    this.scheduler.release();
  }

  /** Pauses what runs (it resumes on the next start), waits for it, and lets go of the profile. */
  async dispose(): Promise<void> {
    this.unsubscribe();
    clearInterval(this.externalTimer);
    if (this.lockTimer) clearTimeout(this.lockTimer);
    await this.scheduler.stop();
    await this.running;
    await this.engine.close();
    this.lock?.release();
    this.flush();
  }

  private followExternalChanges(): void {
    const version = this.store.dataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.markAllChanged();
    this.scheduler.poke();
  }

  private collect(event: SchedulerEvent): void {
    if (event.event === 'progress') {
      const { event: _event, ...progress } = event;
      this.pendingProgress.set(event.id, progress);
      this.scheduleFlush();
    } else {
      this.changed(event.id);
    }
  }

  private changed(id: number): void {
    this.pendingChanges.add(id);
    this.scheduleFlush();
  }

  private markAllChanged(): void {
    for (const download of this.store.list()) this.pendingChanges.add(download.id);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), BATCH_INTERVAL_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pendingChanges.size > 0) {
      const changed = [...this.pendingChanges]
        .map((id) => this.store.get(id))
        .filter((download) => download !== undefined)
        // Events reach the window like answers do: never with a secret in a ref or a message.
        .map(forDisplay);
      this.pendingChanges.clear();
      this.options.events.emit('downloads:changed', changed);
    }
    if (this.pendingProgress.size > 0) {
      const progress = [...this.pendingProgress.values()];
      this.pendingProgress.clear();
      this.options.events.emit('downloads:progress', progress);
    }
  }
}
