import { Checkpointer } from './checkpointer';
import { canceled, EngineError, fromNetworkError, unexpectedFailure } from './engine-error';
import { chooseFileName } from './file-name';
import { discard, type HttpResponse, header, host, sendFollowingRedirects } from './http-request';
import { toTarget } from './http-target';
import { PartFile } from './part-file';
import {
  type ConnectionSettings,
  connectionSettings,
  type PassContext,
  type RemoteFile,
  type WorkingFile,
} from './pass-context';
import { ProgressReporter } from './progress-reporter';
import { ifRangeHeader, offeredFile, readValidator, statusError, validatorChanged } from './response-metadata';
import { RestartFromZero, restartsRanOut } from './restart-from-zero';
import { removePart } from './resume-state';
import { reopenPart } from './resumed-part';
import { backoffDelay } from './retry-policy';
import { retrying } from './retrying';
import { runConnections } from './segment-worker';
import { type Segment, SegmentPlan } from './segments';
import { TokenBucket } from './token-bucket';
import type {
  FinishingFile,
  TransferOptions,
  TransferOutcome,
  TransferProgress,
  TransferStatus,
} from './transfer-types';
import { checkOfferedSize, verifyPart } from './verify-part';
import { wait } from './wait';

/** The first answer's body, and the part it goes into once the answer has said what the file is. */
type FirstAnswer = WorkingFile & { body: HttpResponse['body'] };

/**
 * One file from a DownloadSpec to a complete, verified file on disk. `run()`
 * never rejects: it resolves with what happened, including pause and cancel.
 */
export class Transfer {
  private readonly options: TransferOptions;
  private readonly settings: ConnectionSettings;
  private readonly limit: TokenBucket;
  private readonly stop = new AbortController();
  private stopReason: 'pause' | 'cancel' | null = null;
  private status: TransferStatus = 'downloading';
  private part: PartFile | null = null;
  /** null until the server has told us what the file is, and again after a restart. */
  private plan: SegmentPlan | null = null;
  private readonly remote: RemoteFile;
  private readonly checkpointer: Checkpointer;
  private readonly reporter: ProgressReporter;
  private settled: Promise<TransferOutcome> | null = null;
  /** False once the server answered without ranges: no later run can continue this part, so a failure deletes it. */
  private resumable = true;

  constructor(options: TransferOptions) {
    this.options = options;
    this.limit = new TokenBucket(options.speedLimit ?? 0);
    this.remote = { target: toTarget(options.spec), size: null, validator: {}, rangesSupported: false };
    this.settings = connectionSettings(options, this.limit);
    this.checkpointer = new Checkpointer(
      () => (this.part && this.plan ? { part: this.part, plan: this.plan, remote: this.remote } : undefined),
      options.onCheckpoint,
    );
    this.reporter = new ProgressReporter(
      () => ({ status: this.status, received: this.plan?.received(this.remote.size) ?? 0, size: this.remote.size }),
      options.onProgress,
    );
  }

  run(): Promise<TransferOutcome> {
    this.settled ??= this.execute();
    return this.settled;
  }

  /** Stops the sockets at once and keeps the part; `run()` resolves with the state to resume from. */
  async pause(): Promise<void> {
    this.stopReason ??= 'pause';
    this.stop.abort(canceled());
    await this.settled;
  }

  /** Stops and deletes the part, also after a pause. */
  async cancel(): Promise<void> {
    if (this.stopReason !== 'pause' || !this.settled) this.stopReason = 'cancel';
    this.stop.abort(canceled());
    const outcome = await this.settled;
    if (outcome?.status === 'paused') await removePart(this.options.directory, outcome.state);
  }

  setSpeedLimit(bytesPerSecond: number): void {
    this.limit.setRate(bytesPerSecond);
  }

  progress(): TransferProgress {
    return this.reporter.current();
  }

  private async execute(): Promise<TransferOutcome> {
    this.reporter.start(this.options.progressIntervalMs ?? 250);
    this.checkpointer.start(this.options.checkpointIntervalMs ?? 1000);
    try {
      await this.openPart();
      return await this.finish(await this.download());
    } catch (error) {
      return await this.settleInterrupted(error);
    } finally {
      this.reporter.stop();
    }
  }

  /** Continues in the part an earlier run left, from where it stopped when its bytes can be trusted. */
  private async openPart(): Promise<void> {
    if (!this.options.resume) return;
    const reopened = await reopenPart(this.options.directory, this.options.resume);
    this.part = reopened?.part ?? null;
    if (!reopened?.trusted) return;
    const { plan, size, validator } = reopened.trusted;
    this.plan = plan;
    this.remote.size = size;
    this.remote.validator = validator;
  }

  /** Passes until every byte is in; a changed file on the server means a clean new pass from zero. */
  private async download(): Promise<PartFile> {
    for (let restarts = 0; ; restarts++) {
      try {
        return await this.pass();
      } catch (error) {
        if (!(error instanceof RestartFromZero) || this.stop.signal.aborted) throw error;
        if (restarts >= this.settings.retry.maxAttempts) {
          throw restartsRanOut(host(this.remote.target.url), error, restarts + 1);
        }
        await this.checkpointer.idle();
        this.plan = null;
        // A broken connection is network trouble, so it waits like any retry; a changed file goes again at once.
        if (error.broken) await wait(backoffDelay(restarts + 1, this.settings.retry), this.stop.signal);
      }
    }
  }

  private async pass(): Promise<PartFile> {
    if (this.part && this.plan?.isComplete()) return this.part;
    const controller = new AbortController();
    const signal = AbortSignal.any([this.stop.signal, controller.signal]);
    const first = await retrying(() => this.openFirstResponse(signal), {
      policy: this.settings.retry,
      signal,
      progress: () => 0,
      classify: (error) => fromNetworkError(error, host(this.remote.target.url)),
      onRetry: this.settings.onRetry,
      network: this.settings.network,
      onOffline: this.settings.onOffline,
    });
    const segment = first.plan.claim(0);
    if (!segment) {
      discard(first.body);
      return first.part;
    }
    const context = this.startPass(first, segment, signal);
    await runConnections(context, { segment, body: first.body }, () => controller.abort(canceled()));
    return first.part;
  }

  /** Hands the connections what this pass knows, after sharing the file out among them. */
  private startPass(first: FirstAnswer, segment: Segment, signal: AbortSignal): PassContext {
    const { rangesSupported, size, target } = this.remote;
    const parallel = rangesSupported && size !== null && target.method === 'GET';
    return {
      part: first.part,
      plan: first.plan,
      signal,
      connections: first.plan.shareOut(segment, parallel ? this.settings.connections : 1),
      remote: { ...this.remote },
      settings: this.settings,
      wrote: () => this.checkpointer.wrote(),
      ended: (size) => {
        this.remote.size = size;
      },
    };
  }

  private async openFirstResponse(signal: AbortSignal): Promise<FirstAnswer> {
    const resumeFrom = this.part && this.plan ? { part: this.part, plan: this.plan } : null;
    const start = resumeFrom?.plan.first?.pos ?? 0;
    const extraHeaders =
      this.remote.target.method === 'GET'
        ? { range: `bytes=${start}-`, ...(resumeFrom ? ifRangeHeader(this.remote.validator) : {}) }
        : {};
    const response = await sendFollowingRedirects(this.remote.target, { ...this.settings.http, signal, extraHeaders });
    this.remote.target = response.target;
    try {
      if (response.status < 200 || response.status >= 300) {
        throw response.status === 416 && resumeFrom ? new RestartFromZero() : statusError(response);
      }
      return { body: response.body, ...(await this.adopt(response, start, resumeFrom)) };
    } catch (error) {
      discard(response.body);
      throw error;
    }
  }

  /** Learns what the file is from the first answer: continues a resume, or (re)starts the part from zero. */
  private async adopt(response: HttpResponse, start: number, resumeFrom: WorkingFile | null): Promise<WorkingFile> {
    const offered = offeredFile(response, start);
    if (!offered) {
      if (resumeFrom) throw new RestartFromZero();
      throw new EngineError(
        'bad_response',
        `${host(this.remote.target.url)} answered with the wrong part of the file. Try again later.`,
      );
    }
    this.remote.rangesSupported = offered.ranged;
    this.resumable = offered.ranged;
    if (resumeFrom && offered.ranged) {
      const changed = offered.size !== this.remote.size || validatorChanged(this.remote.validator, response.headers);
      if (changed) throw new RestartFromZero();
      return resumeFrom;
    }
    this.remote.size = offered.size;
    checkOfferedSize(this.remote.size, this.options.spec.expectedSize, host(this.remote.target.url));
    this.remote.validator = readValidator(response.headers);
    if (this.part) await this.part.empty();
    else
      this.part = await PartFile.create(this.options.directory, this.nameFor(response), (name) => this.claimPart(name));
    this.plan = SegmentPlan.whole(this.remote.size);
    return { part: this.part, plan: this.plan };
  }

  private nameFor(response: HttpResponse): string {
    return chooseFileName({
      contentDisposition: header(response.headers, 'content-disposition'),
      suggestedName: this.options.spec.suggestedName,
      url: this.remote.target.url,
      contentType: header(response.headers, 'content-type'),
    });
  }

  private async finish(part: PartFile): Promise<TransferOutcome> {
    await this.checkpointer.stop();
    this.status = 'verifying';
    this.reporter.emit();
    const verified = await verifyPart(part, this.remote.size, this.options.spec.sha256);
    if (verified instanceof EngineError) {
      await this.discardPart();
      throw verified;
    }
    const path = await part.finish((finalPath) => this.announceFinishing(part.name, { path: finalPath, ...verified }));
    this.status = 'done';
    return { status: 'done', path, ...verified };
  }

  /** A first checkpoint, before the part exists: the whole file missing, under the name the part is about to take. */
  private claimPart(fileName: string): Promise<void> {
    const { size, validator } = this.remote;
    return this.checkpointer.announce({
      fileName,
      size,
      ...validator,
      ranges: [{ start: 0, end: size }],
      opening: true,
    });
  }

  /** A last checkpoint naming where the file goes, so a crash between the rename and the done mark loses nothing. */
  private announceFinishing(fileName: string, finishing: FinishingFile): Promise<void> {
    const { size } = finishing;
    return this.checkpointer.announce({ fileName, size, ...this.remote.validator, ranges: [], finishing });
  }

  private async discardPart(): Promise<void> {
    await this.part?.remove();
    this.part = null;
  }

  private async settleInterrupted(raw: unknown): Promise<TransferOutcome> {
    await this.checkpointer.stop();
    if (this.stopReason === 'cancel') {
      this.status = 'canceled';
      await this.discardPart().catch(() => undefined);
      return { status: 'canceled' };
    }
    const state = await this.checkpointer.final();
    await this.part?.close();
    if (this.stopReason === 'pause') {
      this.status = 'paused';
      return { status: 'paused', ...(state ? { state } : {}) };
    }
    this.status = 'failed';
    const error = raw instanceof EngineError ? raw : unexpectedFailure(raw, host(this.remote.target.url));
    if (!this.resumable) {
      await this.discardPart().catch(() => undefined);
      return { status: 'failed', error };
    }
    return { status: 'failed', error, ...(state ? { state } : {}) };
  }
}
