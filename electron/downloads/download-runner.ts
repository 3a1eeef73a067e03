import { type DownloadError, downloadErrorMessages } from '../../shared/download-errors';
import type { Download } from '../../shared/downloads';
import { redactText } from '../../shared/redact';
import type { AccountStore } from '../accounts/account-store';
import { signingAccount } from '../accounts/signing-account';
import type { DownloadSpec } from '../engine/download-spec';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/engine-error';
import { receivedIn } from '../engine/resume-state';
import type { TokenBucket } from '../engine/token-bucket';
import type { Transfer } from '../engine/transfer';
import type { TransferOutcome } from '../engine/transfer-types';
import type { Logger } from '../logs/logger';
import type { Provider, ProviderAccount } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { DownloadStore } from '../store/download-store';
import { recordSha256 } from './file-hash';
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

/** A started transfer and the moment its outcome is in the library. */
export interface Run {
  transfer: Transfer;
  recorded: Promise<void>;
}

interface Resolved {
  spec: DownloadSpec;
  provider: Provider;
  accountLabel: string | null;
}

/**
 * Runs one download: resolves its ref with its provider, signs it with its
 * account, starts the transfer, and records what came of it in the library.
 */
export class DownloadRunner {
  private readonly options: RunnerOptions;
  /** Downloads already given one fresh link after an expired or rejected one, so a refusal cannot loop. */
  private readonly refreshed = new Set<number>();

  constructor(options: RunnerOptions) {
    this.options = options;
  }

  /**
   * Starts a queued download; null when it failed before any request (a bad
   * ref, a missing account) or another process moved it since it was read.
   * `requeueOnPause` says, when it ends paused, whether that was the scheduler
   * yielding (back to the queue) rather than a person's pause (stays paused).
   */
  start(download: Download, requeueOnPause: () => boolean): Run | null {
    const resolved = this.resolve(download);
    if (!resolved) return null;
    const { store, engine } = this.options;
    // A spec that allows a long first-byte wait (a conversion) shows as waiting until bytes arrive.
    const waits = resolved.spec.firstByteTimeoutMs !== undefined;
    if (store.transition([download.id], ['queued'], waits ? 'waiting' : 'downloading') === 0) return null;
    let flowing = !waits;
    const transfer = engine.transfer({
      spec: resolved.spec,
      directory: download.directory,
      resume: store.resumeState(download.id),
      connections: download.connections ?? this.options.connections(),
      speedLimit: download.speedLimit ?? 0,
      sharedLimits: [this.options.queueLimit(download.queueId)],
      onCheckpoint: (state) => store.recordCheckpoint(download.id, state, receivedIn(state)),
      onProgress: ({ status: _status, ...progress }) => {
        if (!flowing && progress.received > 0) {
          flowing = true;
          store.transition([download.id], ['waiting'], 'downloading');
          this.options.emit({ event: 'downloading', id: download.id });
        }
        this.options.emit({ event: 'progress', id: download.id, ...progress });
      },
    });
    this.options.logger.debug(`Download ${download.id} started: ${download.ref}`);
    this.options.emit({ event: 'started', id: download.id });
    const recorded = transfer
      .run()
      .then((outcome) => this.settle(download, resolved.provider, explain(outcome, resolved), requeueOnPause));
    return { transfer, recorded };
  }

  /** Failure messages reach the library, the window and the CLI, so they pass the redaction step first. */
  fail(id: number, error: DownloadError): void {
    const safe = { code: error.code, message: redactText(error.message) };
    if (!this.options.store.fail(id, safe)) return;
    this.options.logger.info(`Download ${id} failed (${safe.code}): ${safe.message}`);
    this.options.emit({ event: 'failed', id, error: safe });
  }

  /** Asks the download's provider for the spec, signed with its account; a problem fails it with the reason. */
  private resolve(download: Download): Resolved | null {
    const { providers } = this.options;
    const provider = providers.forRef(download.ref);
    const problem = providers.refProblem(download.ref);
    if (!provider || problem) {
      this.fail(download.id, { code: 'bad_ref', message: problem ?? `Ferry cannot download "${download.ref}".` });
      return null;
    }
    const account = provider.needsAccount ? this.account(download, provider) : null;
    if (account === undefined) return null;
    try {
      return { spec: provider.resolve(download.ref, account), provider, accountLabel: account?.label ?? null };
    } catch (error) {
      this.fail(download.id, { code: 'provider', message: messageOf(error) });
      return null;
    }
  }

  /** The account that signs the download, its secrets read from the keychain now; undefined when it failed. */
  private account(download: Download, provider: Provider): ProviderAccount | undefined {
    try {
      return signingAccount(this.options.accounts, provider.id, download.accountId);
    } catch (error) {
      this.fail(download.id, { code: 'account', message: messageOf(error) });
      return undefined;
    }
  }

  private async settle(
    download: Download,
    provider: Provider,
    outcome: TransferOutcome,
    requeueOnPause: () => boolean,
  ): Promise<void> {
    try {
      await this.record(download, provider, outcome, requeueOnPause);
    } catch (error) {
      this.options.logger.error(`Ferry could not record the result of download ${download.id}:`, error);
      this.fail(download.id, { code: 'storage', message: downloadErrorMessages.storage });
    }
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
      this.refreshed.delete(id);
      await this.finished(download, provider, outcome);
    } else if (outcome.status === 'failed') {
      if (outcome.state) store.recordCheckpoint(id, outcome.state, receivedIn(outcome.state));
      if (this.shouldRefresh(id, outcome)) {
        // A link that expired or a token rejected mid-download: resolve afresh and resume, never start over.
        store.transition([id], ['waiting', 'downloading'], 'queued');
        return;
      }
      this.refreshed.delete(id);
      this.fail(id, { code: outcome.error.code, message: outcome.error.message });
    } else if (outcome.status === 'paused') {
      if (outcome.state) store.recordCheckpoint(id, outcome.state, receivedIn(outcome.state));
      if (requeueOnPause()) store.transition([id], ['waiting', 'downloading'], 'queued');
      this.options.emit({ event: 'paused', id });
    } else {
      store.clearResumeState(id);
      this.options.emit({ event: 'canceled', id });
    }
  }

  /** The row records the file the moment it has its final name; the hash, a second read, comes after. */
  private async finished(
    download: Download,
    provider: Provider,
    outcome: Extract<TransferOutcome, { status: 'done' }>,
  ): Promise<void> {
    const { store } = this.options;
    const postProcessed = provider.postProcess?.(download) != null;
    const file = { path: outcome.path, size: outcome.size, sha256: outcome.sha256 };
    if (!store.finish(download.id, file, postProcessed ? 'unpacking' : 'done')) {
      this.options.logger.debug(`Download ${download.id} finished after it was removed or had settled.`);
      return;
    }
    const sha256 = outcome.sha256 ?? (await recordSha256(this.options, download.id, outcome.path));
    this.options.logger.info(`Download ${download.id} finished: ${outcome.path} (${outcome.size} bytes)`);
    if (postProcessed) this.options.emit({ event: 'unpacking', id: download.id });
    else this.options.emit({ event: 'done', id: download.id, ...file, sha256, unpackedTo: null });
  }

  private shouldRefresh(id: number, outcome: Extract<TransferOutcome, { status: 'failed' }>): boolean {
    const expired = outcome.error.status === 401 || outcome.error.status === 403 || outcome.error.status === 410;
    if (!expired || !outcome.state || this.refreshed.has(id)) return false;
    this.refreshed.add(id);
    return true;
  }
}

/** Lets the provider say what a failure means on its platform (wrong credentials versus a missing file). */
function explain(outcome: TransferOutcome, resolved: Resolved): TransferOutcome {
  if (outcome.status !== 'failed' || outcome.error.status === undefined) return outcome;
  const message = resolved.provider.explainStatus?.(outcome.error.status, resolved.accountLabel);
  if (!message) return outcome;
  const { code, status, retryable } = outcome.error;
  return { ...outcome, error: new EngineError(code, message, { status, retryable }) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
