import { type DownloadError, downloadErrorMessages } from '../../shared/download-errors';
import type { Download } from '../../shared/downloads';
import { redactText } from '../../shared/redact';
import type { AccountStore } from '../accounts/account-store';
import type { DownloadSpec } from '../engine/download-spec';
import type { Engine } from '../engine/engine';
import { type ProgressReading, ProgressReporter } from '../engine/progress-reporter';
import { receivedIn } from '../engine/resume-state';
import { TokenBucket } from '../engine/token-bucket';
import type { Transfer } from '../engine/transfer';
import type { TransferOutcome } from '../engine/transfer-types';
import { failpoint } from '../failpoint';
import type { Logger } from '../logs/logger';
import { accountThrottle } from '../providers/account-throttle';
import type { Provider, ProviderFetch } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { DownloadStore } from '../store/download-store';
import { takeEarlierCopy } from './earlier-copy';
import { recordFinishing } from './fetch-finishing';
import { recordSha256 } from './file-hash';
import { FreshCredentials } from './fresh-credentials';
import { fetchStaging } from './leftovers';
import { explain, fetchErrorCode } from './outcome-wording';
import { messageOf, resolveDownload } from './resolve-download';
import type { SchedulerEvent } from './scheduler-events';

export interface RunnerOptions {
  store: DownloadStore;
  engine: Engine;
  providers: ProviderRegistry;
  /** Where providers that need an account find it; without it such downloads fail with a message. */
  accounts?: AccountStore;
  /** Connections per file unless the download says otherwise; read at each start, so settings apply live. */
  connections(): number | undefined;
  /** The speed limit a queue's downloads share. */
  queueLimit(queueId: number): TokenBucket;
  emit(event: SchedulerEvent): void;
  logger: Logger;
}

/** One download on its way: resolving its ref, then transferring, until its outcome is in the library. */
export interface Run {
  download: Download;
  /** Pauses or cancels it, whether it is still resolving or already transferring. */
  stop(how: 'pause' | 'cancel'): Promise<void>;
  recorded: Promise<void>;
}

/**
 * Runs one download: resolves its ref with its provider (which may call the
 * platform first), signs it with its account, starts the transfer, and
 * records what came of it in the library.
 */
export class DownloadRunner {
  private readonly options: RunnerOptions;
  private readonly fresh = new FreshCredentials();
  /** Downloads queued again for a fresh link: their next start asks the provider to refresh. */
  private readonly refreshing = new Set<number>();

  constructor(options: RunnerOptions) {
    this.options = options;
  }

  /**
   * Starts a queued download; null when another process moved it since it was
   * read. `requeueOnPause` says, when it stops, whether that was the scheduler
   * yielding (back to the queue) rather than a person's pause (stays paused).
   */
  start(download: Download, requeueOnPause: () => boolean): Run | null {
    if (this.options.store.transition([download.id], ['queued'], 'resolving') === 0) return null;
    this.options.logger.debug(`Download ${download.id} started: ${download.ref}`);
    this.options.emit({ event: 'started', id: download.id });
    const resolving = new AbortController();
    let transfer: Transfer | null = null;
    const recorded = this.run(download, resolving.signal, requeueOnPause, (started) => {
      transfer = started;
    }).catch((error: unknown) => {
      this.options.logger.error(`Ferry could not record the result of download ${download.id}:`, error);
      this.fail(download.id, { code: 'storage', message: downloadErrorMessages.storage });
    });
    const stop = async (how: 'pause' | 'cancel') => {
      const running = transfer as Transfer | null;
      if (!running) return resolving.abort();
      await (how === 'cancel' ? running.cancel() : running.pause());
    };
    return { download, stop, recorded };
  }

  /** Failure messages reach the library, the window and the CLI, so they pass the redaction step first. */
  fail(id: number, error: DownloadError): void {
    const safe = { code: error.code, message: redactText(error.message) };
    if (!this.options.store.fail(id, safe)) return;
    this.options.logger.info(`Download ${id} failed (${safe.code}): ${safe.message}`);
    this.options.emit({ event: 'failed', id, error: safe });
  }

  private async run(
    download: Download,
    signal: AbortSignal,
    requeueOnPause: () => boolean,
    started: (transfer: Transfer) => void,
  ): Promise<void> {
    const resolved = await resolveDownload(download, {
      ...this.options,
      refresh: this.refreshing.delete(download.id),
      signal,
      waiting: (reason) => this.waiting(download.id, reason),
    });
    if ('failed' in resolved) return this.fail(download.id, resolved.failed);
    if ('stopped' in resolved) return this.stoppedWhileResolving(download.id, requeueOnPause);
    if ('finished' in resolved) return this.finished(download, resolved.provider, resolved.finished);
    const { spec } = resolved;
    if ('fetch' in spec) return this.fetchItself(download, resolved.provider, spec, signal, requeueOnPause);
    const transfer = this.transfer(download, spec, resolved.accountKey);
    if (!transfer) return;
    started(transfer);
    const outcome = explain(await transfer.run(), resolved, download.directory);
    await this.record(download, resolved.provider, outcome, requeueOnPause);
  }

  /** The reason is the platform's own text (a job status): redacted and kept short, like every failure message. */
  private waiting(id: number, said: string): void {
    const reason = redactText(said).slice(0, 200);
    if (this.options.store.waiting(id, reason)) this.options.emit({ event: 'waiting', id, reason });
  }

  /** Without a network a transfer waits for it, shown as waiting; once it is back, it is downloading again. */
  private offline(id: number, offline: boolean): void {
    if (offline) this.waiting(id, 'no network connection');
    else if (this.options.store.transition([id], ['waiting'], 'downloading'))
      this.options.emit({ event: 'downloading', id });
  }

  /** A person's pause or cancel is in the library already; the scheduler yielding puts it back in the queue. */
  private stoppedWhileResolving(id: number, requeueOnPause: () => boolean): void {
    if (requeueOnPause()) this.options.store.transition([id], ['resolving', 'waiting', 'downloading'], 'queued');
    this.options.emit({ event: this.options.store.get(id)?.status === 'canceled' ? 'canceled' : 'paused', id });
  }

  /** Starts the engine on the resolved spec; null when the download moved on while it resolved. */
  private transfer(download: Download, spec: DownloadSpec, accountKey: string | null): Transfer | null {
    const { store, engine } = this.options;
    // A spec that allows a long first-byte wait (a conversion) shows as waiting until bytes arrive.
    const waits = spec.firstByteTimeoutMs !== undefined;
    const moved = waits
      ? store.waiting(download.id, spec.waitingFor ?? 'the platform is preparing the file')
      : store.transition([download.id], ['resolving', 'waiting'], 'downloading') === 1;
    if (!moved) return null;
    let flowing = !waits;
    return engine.transfer({
      spec,
      directory: download.directory,
      resume: store.resume.of(download.id),
      connections: download.connections ?? this.options.connections(),
      speedLimit: download.speedLimit ?? 0,
      sharedLimits: [this.options.queueLimit(download.queueId)],
      onCheckpoint: (state) => store.resume.record(download.id, state, receivedIn(state)),
      // Each retry goes in the timeline; a 429 on one file also holds the account's other downloads and API calls.
      onRetry: (error, delayMs) => {
        store.history.record(download.id, 'retrying', error.message);
        if (error.status === 429 && accountKey) accountThrottle.holdUntil(accountKey, Date.now() + delayMs);
      },
      onOffline: (offline) => this.offline(download.id, offline),
      onProgress: ({ status: _status, ...progress }) => {
        if (!flowing && progress.received > 0) {
          flowing = true;
          store.transition([download.id], ['waiting'], 'downloading');
          this.options.emit({ event: 'downloading', id: download.id });
        }
        this.options.emit({ event: 'progress', id: download.id, ...progress });
      },
    });
  }

  private async record(
    download: Download,
    provider: Provider,
    outcome: TransferOutcome,
    requeueOnPause: () => boolean,
  ): Promise<void> {
    const { store } = this.options;
    const { id } = download;
    if (outcome.status === 'done') {
      this.fresh.forget(id);
      failpoint('after-rename');
      await this.finished(download, provider, await takeEarlierCopy(id, outcome, this.options));
    } else if (outcome.status === 'failed') {
      if (outcome.state) store.resume.record(id, outcome.state, receivedIn(outcome.state));
      if (this.fresh.shouldRefresh(id, outcome)) {
        // A link that expired or a token rejected mid-download: a fresh one, then resume, never start over.
        this.refreshing.add(id);
        store.transition([id], ['waiting', 'downloading'], 'queued');
        return;
      }
      this.fresh.forget(id);
      this.fail(id, { code: outcome.error.code, message: outcome.error.message });
    } else if (outcome.status === 'paused') {
      if (outcome.state) store.resume.record(id, outcome.state, receivedIn(outcome.state));
      if (requeueOnPause()) store.transition([id], ['waiting', 'downloading'], 'queued');
      this.options.emit({ event: 'paused', id });
    } else {
      store.resume.clear(id);
      this.options.emit({ event: 'canceled', id });
    }
  }

  /**
   * A provider that fetches the content itself (a CID's blocks, verified): it
   * keeps no part and no resume state, so a pause stops it and the next start
   * begins again. Progress and speed limits are the same as a transfer's.
   */
  private async fetchItself(
    download: Download,
    provider: Provider,
    fetcher: ProviderFetch,
    signal: AbortSignal,
    requeueOnPause: () => boolean,
  ): Promise<void> {
    const { id, directory } = download;
    if (this.options.store.transition([id], ['resolving', 'waiting'], 'downloading') !== 1) return;
    let reading: ProgressReading = { status: 'downloading', received: 0, size: null };
    let verifyingCid = false;
    const reporter = new ProgressReporter(
      () => reading,
      ({ status: _status, ...progress }) => this.options.emit({ event: 'progress', id, ...progress, verifyingCid }),
    );
    const limits = [
      new TokenBucket(download.speedLimit ?? 0),
      this.options.queueLimit(download.queueId),
      this.options.engine.sharedLimit,
    ];
    reporter.start(PROGRESS_INTERVAL_MS);
    const outcome = await fetcher
      .fetch({
        directory,
        staging: fetchStaging(directory, id),
        signal,
        dispatcher: this.options.engine.dispatcher,
        progress: (received, size) => {
          reading = { status: 'downloading', received, size };
        },
        checksAgainstCid: () => {
          verifyingCid = true;
        },
        throttle: async (bytes) => {
          for (const limit of limits) await limit.take(bytes, signal);
        },
        finishing: recordFinishing(this.options.store, id),
      })
      .then(
        (fetched) => ({ fetched }),
        (error: unknown) => ({ error }),
      );
    // Its last report comes before the outcome's event.
    reporter.stop();
    if ('fetched' in outcome) return this.finished(download, provider, outcome.fetched);
    if (signal.aborted) return this.stoppedWhileResolving(id, requeueOnPause);
    this.fail(id, { code: fetchErrorCode(outcome.error), message: messageOf(outcome.error) });
  }

  /** The row records the file the moment it has its final name; only a file that came without a hash is read again. */
  private async finished(
    download: Download,
    provider: Provider,
    outcome: { path: string; size: number; sha256?: string | null },
  ): Promise<void> {
    const postProcessed = provider.postProcess?.(download) != null;
    const file = { path: outcome.path, size: outcome.size, sha256: outcome.sha256 ?? undefined };
    if (!this.options.store.finish(download.id, file, postProcessed ? 'unpacking' : 'done')) {
      this.options.logger.debug(`Download ${download.id} finished after it was removed or had settled.`);
      return;
    }
    this.options.logger.info(`Download ${download.id} finished: ${outcome.path} (${outcome.size} bytes)`);
    // Post-processing may replace the file: it reads the hash itself, once its result is recorded.
    if (postProcessed) {
      this.options.emit({ event: 'unpacking', id: download.id });
      return;
    }
    // null: a folder, which has no hash of its own.
    const sha256 =
      outcome.sha256 !== undefined ? outcome.sha256 : await recordSha256(this.options, download.id, outcome.path);
    this.options.emit({ event: 'done', id: download.id, ...file, sha256, unpackedTo: null });
  }
}

/** How often a provider's own fetch reports progress, as a transfer does. */
const PROGRESS_INTERVAL_MS = 250;
