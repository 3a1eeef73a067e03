import { rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { limitFunction } from 'p-limit';
import { downloadErrorMessages } from '../../shared/download-errors';
import type { Download } from '../../shared/downloads';
import { unpackStagingName } from '../archives/unpack';
import { failpoint } from '../failpoint';
import { exists } from '../fs/move-no-clobber';
import type { Logger } from '../logs/logger';
import type { PostProcessed } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { DownloadStore } from '../store/download-store';
import { recordSha256 } from './file-hash';
import type { SchedulerEvent } from './scheduler-events';

/** Unpacking is disk-bound: two at a time keep a disk busy without making every one of them slow. */
const MAX_POST_PROCESSING = 2;

export interface PostProcessorOptions {
  store: DownloadStore;
  providers: ProviderRegistry;
  emit(event: SchedulerEvent): void;
  /** Fails a download with the reason, through the runner's redaction. */
  fail(id: number, error: { code: 'unpack'; message: string }): void;
  logger: Logger;
}

/**
 * Runs the providers' post-processing (unpacking) of complete files, a few at
 * a time, and records the result. A failure keeps the complete file; retrying
 * the download unpacks again rather than downloading again.
 */
export class PostProcessor {
  private readonly options: PostProcessorOptions;
  private readonly limited = limitFunction((download: Download, signal: AbortSignal) => this.run(download, signal), {
    concurrency: MAX_POST_PROCESSING,
  });
  /** Queued or running, each with a way to stop it. */
  private readonly jobs = new Map<number, { controller: AbortController; finished: Promise<void> }>();

  constructor(options: PostProcessorOptions) {
    this.options = options;
  }

  get size(): number {
    return this.jobs.size;
  }

  has(id: number): boolean {
    return this.jobs.has(id);
  }

  ids(): number[] {
    return [...this.jobs.keys()];
  }

  /** Queues a download for post-processing; `onSettled` runs when it is recorded, whatever happened. */
  add(download: Download, onSettled: () => void): void {
    if (this.jobs.has(download.id)) return;
    const controller = new AbortController();
    const finished = this.limited(download, controller.signal)
      .catch((error: unknown) => {
        this.options.logger.error(`Ferry could not record the post-processing of download ${download.id}:`, error);
      })
      .finally(() => {
        this.jobs.delete(download.id);
        onSettled();
      });
    this.jobs.set(download.id, { controller, finished });
  }

  /** Stops one (a person canceled it): the downloaded file stays. */
  cancel(id: number): void {
    this.jobs.get(id)?.controller.abort();
  }

  /** Stops them all and waits; each stays `unpacking`, so the next start does it again from the beginning. */
  async stop(): Promise<void> {
    const jobs = [...this.jobs.values()];
    for (const { controller } of jobs) controller.abort();
    await Promise.all(jobs.map(({ finished }) => finished));
  }

  /** Reads the row afresh: while it waited for a slot, it may have been canceled, retried or removed. */
  private async run(queued: Download, signal: AbortSignal): Promise<void> {
    const download = this.options.store.get(queued.id);
    if (signal.aborted || download?.status !== 'unpacking') return;
    const step = this.options.providers.forRef(download.ref)?.postProcess?.(download) ?? null;
    const placing = (to: string) => this.options.store.placing(download.id, to);
    let result: PostProcessed | null;
    let unpackedTo: string | null;
    try {
      const limits = this.options.providers.unpackLimits();
      result =
        (await this.placedBeforeCrash(download)) ??
        (step && download.path ? await step(download.path, signal, { limits, placing }) : null);
      unpackedTo = result?.path ?? null;
      // The step rewrote the file itself (decoded it): the row's size is new and its hash void.
      if (unpackedTo !== null && unpackedTo === download.path) {
        this.options.store.rewritten(download.id, (await stat(unpackedTo)).size);
        unpackedTo = null;
      }
    } catch (error) {
      // Stopped or canceled: a stopped download stays unpacking and the next run starts it over.
      if (signal.aborted) return;
      this.options.logger.warn(`Download ${download.id} could not be post-processed:`, error);
      const reason = error instanceof Error ? error.message : String(error);
      this.options.fail(download.id, { code: 'unpack', message: downloadErrorMessages.unpack(reason) });
      return;
    }
    failpoint('after-unpack');
    if (!this.options.store.unpacked(download.id, unpackedTo)) return;
    await this.emitDone(download.id);
    if (result?.discardSource && download.path) await this.discard(download.id, download.path);
  }

  /**
   * The result of an unpacking that a crash stopped after its move and before
   * it was recorded: what stands at the name recorded just before the move.
   * A folder still empty there was only claimed (the crash came before the
   * rename into it), so it goes and the archive is unpacked again.
   */
  private async placedBeforeCrash(download: Download): Promise<PostProcessed | null> {
    const placed = download.unpackedTo;
    if (!placed || !download.path || !(await exists(placed))) return null;
    const onlyClaimed = await rmdir(placed).then(
      () => true,
      () => false,
    );
    if (onlyClaimed) return null;
    await rm(join(dirname(download.path), unpackStagingName(download.id)), { recursive: true, force: true });
    this.options.logger.info(`Download ${download.id} had been unpacked into ${placed} before a restart.`);
    return { path: placed };
  }

  /** A stray file left by a failure here costs disk space, not work: the download is done. */
  private async discard(id: number, file: string): Promise<void> {
    await rm(file, { force: true }).catch((error: unknown) => {
      this.options.logger.warn(`Ferry could not remove ${file} after post-processing download ${id}:`, error);
    });
  }

  /** Reads the finished row, so a download post-processed after a restart reports the same as one that was not. */
  private async emitDone(id: number): Promise<void> {
    const done = this.options.store.get(id);
    if (!done?.path) return;
    const sha256 = done.sha256 ?? (await recordSha256(this.options, id, done.path));
    this.options.emit({
      event: 'done',
      id,
      path: done.path,
      size: done.size ?? 0,
      sha256,
      unpackedTo: done.unpackedTo,
    });
  }
}
