import { rm } from 'node:fs/promises';
import { sleep } from './abortable-sleep';
import { canceled, EngineError, fromHttpStatus, fromNetworkError } from './engine-error';
import { chooseFileName } from './file-name';
import {
  discard,
  type HttpResponse,
  type HttpTarget,
  header,
  host,
  sendFollowingRedirects,
  toTarget,
} from './http-request';
import { PartFile, partPath } from './part-file';
import {
  contentLength,
  hasValidator,
  ifRangeHeader,
  parseContentRange,
  readValidator,
  type Validator,
  validatorChanged,
} from './response-metadata';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry-policy';
import { MIN_SEGMENT_BYTES, presentEnd, type Segment, SegmentPlan } from './segments';
import { SequentialWriter } from './sequential-writer';
import { SpeedMeter } from './speed-meter';
import { TokenBucket } from './token-bucket';
import type { ResumeState, TransferOptions, TransferOutcome, TransferProgress, TransferStatus } from './transfer-types';

export const MAX_CONNECTIONS = 16;
const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;
const LIMITED_SLICE_BYTES = 16 * 1024;
/** Per transfer, split among its connections: 4 MiB batches measured twice as fast as 64 KiB writes. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;
const MIN_BATCH_BYTES = 512 * 1024;

type Body = HttpResponse['body'];

/** Thrown inside a pass when the file on the server is not the one the part holds. */
class RestartFromZero extends Error {}

/**
 * One file from a DownloadSpec to a complete, verified file on disk. `run()`
 * never rejects: it resolves with what happened, including pause and cancel.
 */
export class Transfer {
  private readonly options: TransferOptions;
  private readonly retry: RetryPolicy;
  private readonly limit: TokenBucket;
  private readonly stop = new AbortController();
  private stopReason: 'pause' | 'cancel' | null = null;
  private status: TransferStatus = 'downloading';
  private part: PartFile | null = null;
  /** null until the server has told us what the file is, and again after a restart. */
  private plan: SegmentPlan | null = null;
  private size: number | null = null;
  private validator: Validator = {};
  private target: HttpTarget;
  private rangesSupported = false;
  private connections = 1;
  private dirty = false;
  private settling = false;
  private checkpoints: Promise<unknown> = Promise.resolve();
  private lastDurable: ResumeState | undefined;
  private readonly meter = new SpeedMeter(0);
  private settled: Promise<TransferOutcome> | null = null;

  constructor(options: TransferOptions) {
    this.options = options;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.limit = new TokenBucket(options.speedLimit ?? 0);
    this.target = toTarget(options.spec);
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
    if (outcome?.status === 'paused' && outcome.state) {
      await rm(partPath(this.options.directory, outcome.state.fileName), { force: true });
    }
  }

  setSpeedLimit(bytesPerSecond: number): void {
    this.limit.setRate(bytesPerSecond);
  }

  progress(): TransferProgress {
    const received = this.received();
    const speed = this.meter.sample(received);
    return { status: this.status, received, size: this.size, speed, eta: this.meter.eta(received, this.size) };
  }

  private async execute(): Promise<TransferOutcome> {
    const timers = this.startTimers();
    try {
      await this.openPart();
      await this.download();
      return await this.finish();
    } catch (error) {
      return await this.settleInterrupted(error);
    } finally {
      this.settling = true;
      for (const timer of timers) clearInterval(timer);
      this.emitProgress();
    }
  }

  private startTimers(): NodeJS.Timeout[] {
    const { progressIntervalMs = 250, checkpointIntervalMs = 1000 } = this.options;
    return [
      setInterval(() => this.emitProgress(), progressIntervalMs),
      setInterval(() => {
        if (!this.settling) void this.queueCheckpoint().catch(() => undefined);
      }, checkpointIntervalMs),
    ];
  }

  /** A listener's bug must not break the download or the process hosting it. */
  private notify(callback: () => void): void {
    try {
      callback();
    } catch {
      // Deliberately ignored: progress and checkpoints are advisory to the caller.
    }
  }

  private emitProgress(): void {
    this.notify(() => this.options.onProgress?.(this.progress()));
  }

  private received(): number {
    if (!this.plan) return 0;
    if (this.size !== null) return this.size - this.plan.remaining();
    return this.plan.first?.pos ?? 0;
  }

  /**
   * A resumed transfer continues in its part. If the part is gone, shorter than
   * the state claims, or the state has no validator to prove the server's file
   * is the same one, the part is reused but refilled from zero.
   */
  private async openPart(): Promise<void> {
    const resume = this.options.resume;
    if (!resume) return;
    this.part = await PartFile.reopen(this.options.directory, resume.fileName);
    if (!this.part) return;
    const validator = { etag: resume.etag, lastModified: resume.lastModified };
    const intact = (await this.part.size()) >= presentEnd(resume.ranges, resume.size);
    if (!intact || !hasValidator(validator)) return;
    this.size = resume.size;
    this.validator = validator;
    this.plan = SegmentPlan.fromRanges(resume.ranges);
  }

  /** Passes until every byte is in; a changed file on the server means a clean new pass from zero. */
  private async download(): Promise<void> {
    for (let restarts = 0; ; restarts++) {
      try {
        await this.pass();
        return;
      } catch (error) {
        if (!(error instanceof RestartFromZero) || this.stop.signal.aborted) throw error;
        if (restarts >= this.retry.maxAttempts) {
          throw new EngineError(
            'bad_response',
            `${host(this.target.url)} keeps changing the file or breaking off. Try again later.`,
          );
        }
        await this.checkpoints;
        this.plan = null;
      }
    }
  }

  private async pass(): Promise<void> {
    if (this.plan?.isComplete()) return;
    const pass = new AbortController();
    const signal = AbortSignal.any([this.stop.signal, pass.signal]);
    const first = await this.withRetries(
      () => this.openFirstResponse(signal),
      () => 0,
      signal,
    );
    const plan = this.plan as SegmentPlan;
    const firstSegment = plan.claim(0);
    if (!firstSegment) {
      discard(first);
      return;
    }
    this.connections = this.connectionCount();
    if (this.connections > 1 && plan.toRanges().length === 1) plan.splitEvenly(firstSegment, this.connections);
    const workers = [this.worker(0, signal, firstSegment, first)];
    for (let id = 1; id < this.connections; id++) workers.push(this.worker(id, signal));
    // The first failure stops the siblings and is the one reported; all settle before the part is touched again.
    let firstFailure: unknown;
    const stopSiblings = (error: unknown) => {
      if (firstFailure === undefined) firstFailure = error;
      pass.abort(canceled());
    };
    await Promise.all(workers.map((work) => work.catch(stopSiblings)));
    if (firstFailure !== undefined) throw firstFailure;
  }

  private connectionCount(): number {
    if (!this.rangesSupported || this.size === null || this.target.method !== 'GET') return 1;
    const wanted = Math.min(MAX_CONNECTIONS, Math.max(1, this.options.connections ?? 4));
    return Math.max(1, Math.min(wanted, Math.floor((this.plan as SegmentPlan).remaining() / MIN_SEGMENT_BYTES)));
  }

  private async worker(id: number, signal: AbortSignal, segment?: Segment, body?: Body): Promise<void> {
    const plan = this.plan as SegmentPlan;
    let current = segment ?? plan.claim(id);
    let opened = body;
    while (current) {
      await this.fetchSegment(current, signal, opened);
      plan.release(current);
      opened = undefined;
      current = plan.claim(id);
    }
  }

  /** Fetches one segment to its end, retrying from the last byte written. */
  private async fetchSegment(segment: Segment, signal: AbortSignal, body?: Body): Promise<void> {
    let opened = body;
    await this.withRetries(
      async () => {
        const stream = opened ?? (await this.openRange(segment, signal));
        opened = undefined;
        await this.pump(stream, segment, signal);
        if (segment.pos < segment.end && Number.isFinite(segment.end)) {
          throw new EngineError(
            'network',
            `${host(this.target.url)} closed the connection early. Ferry will resume from where it stopped.`,
            { retryable: true },
          );
        }
        if (!Number.isFinite(segment.end)) this.size = segment.end = segment.pos;
      },
      () => segment.pos,
      signal,
    );
  }

  /**
   * Runs `attempt` until it succeeds, backing off between retryable failures.
   * Attempts that made progress reset the count, so a flaky but moving link never gives up.
   */
  private async withRetries<T>(attempt: () => Promise<T>, progress: () => number, signal: AbortSignal): Promise<T> {
    let failures = 0;
    for (;;) {
      const before = progress();
      try {
        return await attempt();
      } catch (raw) {
        if (signal.aborted) throw canceled();
        if (raw instanceof RestartFromZero) throw raw;
        const error = raw instanceof EngineError ? raw : fromNetworkError(raw, host(this.target.url));
        if (!error.retryable) throw error;
        if (!this.rangesSupported && progress() > 0) throw new RestartFromZero();
        failures = progress() > before ? 1 : failures + 1;
        if (failures >= this.retry.maxAttempts) throw error;
        await sleep(this.retryDelay(failures, error), signal);
      }
    }
  }

  private retryDelay(failures: number, error: EngineError): number {
    const backoff = backoffDelay(failures, this.retry);
    if (error.retryAfterMs === undefined) return backoff;
    if (error.retryAfterMs > this.retry.maxRetryAfterMs) {
      const minutes = Math.ceil(error.retryAfterMs / 60_000);
      throw new EngineError(
        error.code,
        `${error.message} The server asked to wait ${minutes} minutes; try again later.`,
        { status: error.status },
      );
    }
    return Math.max(backoff, error.retryAfterMs);
  }

  private async openFirstResponse(signal: AbortSignal): Promise<Body> {
    const resuming = this.plan !== null;
    const start = this.plan?.first?.pos ?? 0;
    const extraHeaders =
      this.target.method === 'GET'
        ? { range: `bytes=${start}-`, ...(resuming ? ifRangeHeader(this.validator) : {}) }
        : {};
    const response = await sendFollowingRedirects(this.target, this.sendOptions(signal, extraHeaders));
    this.target = response.target;
    try {
      if (response.status < 200 || response.status >= 300) {
        throw response.status === 416 && resuming ? new RestartFromZero() : this.statusError(response);
      }
      await this.adopt(response, start, resuming);
    } catch (error) {
      discard(response.body);
      throw error;
    }
    return response.body;
  }

  /** Learns what the file is from the first answer: continues a resume, or (re)starts the part from zero. */
  private async adopt(response: HttpResponse, start: number, resuming: boolean): Promise<void> {
    if (response.status === 206) {
      const range = parseContentRange(header(response.headers, 'content-range'));
      if (!range || range.start !== start) {
        if (resuming) throw new RestartFromZero();
        throw new EngineError(
          'bad_response',
          `${host(this.target.url)} answered with the wrong part of the file. Try again later.`,
        );
      }
      this.rangesSupported = true;
      if (resuming) {
        if (range.size !== this.size || validatorChanged(this.validator, response.headers)) throw new RestartFromZero();
        return;
      }
      this.size = range.size;
    } else {
      this.rangesSupported = false;
      this.size = contentLength(response.headers);
    }
    this.checkExpectedSize();
    this.validator = readValidator(response.headers);
    if (this.part) await this.part.truncate(0);
    else this.part = await PartFile.create(this.options.directory, this.nameFor(response));
    this.plan = SegmentPlan.whole(this.size);
    // Record the part's name at once, so a process killed before its first timed checkpoint still finds it.
    void this.queueCheckpoint().catch(() => undefined);
  }

  private nameFor(response: HttpResponse): string {
    return chooseFileName({
      contentDisposition: header(response.headers, 'content-disposition'),
      suggestedName: this.options.spec.suggestedName,
      url: this.target.url,
      contentType: header(response.headers, 'content-type'),
    });
  }

  private checkExpectedSize(): void {
    const expected = this.options.spec.expectedSize;
    if (expected !== undefined && this.size !== null && expected !== this.size) {
      throw new EngineError(
        'verification',
        `${host(this.target.url)} offers ${this.size} bytes, but ${expected} were expected. The file may have changed; get a fresh link.`,
      );
    }
  }

  private async openRange(segment: Segment, signal: AbortSignal): Promise<Body> {
    const last = Number.isFinite(segment.end) ? String(segment.end - 1) : '';
    const extraHeaders = { range: `bytes=${segment.pos}-${last}`, ...ifRangeHeader(this.validator) };
    const response = await sendFollowingRedirects(this.target, this.sendOptions(signal, extraHeaders));
    if (response.status === 206) {
      const range = parseContentRange(header(response.headers, 'content-range'));
      const sameFile = range?.size === this.size && !validatorChanged(this.validator, response.headers);
      if (range?.start === segment.pos && sameFile) return response.body;
    }
    discard(response.body);
    if (response.status === 200 || response.status === 206 || response.status === 416) throw new RestartFromZero();
    throw this.statusError(response);
  }

  private sendOptions(signal: AbortSignal, extraHeaders: Record<string, string>) {
    return {
      dispatcher: this.options.dispatcher,
      signal,
      headersTimeoutMs: this.options.spec.firstByteTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      extraHeaders,
    };
  }

  private statusError(response: HttpResponse): EngineError {
    const retryAfter = parseRetryAfter(header(response.headers, 'retry-after'));
    return fromHttpStatus(response.status, host(response.target.url), retryAfter);
  }

  /** Streams a body into the part at the segment's offset, stopping at its (possibly shrunk) end. */
  private async pump(body: Body, segment: Segment, signal: AbortSignal): Promise<void> {
    const chunks = body[Symbol.asyncIterator]();
    segment.taken = segment.pos;
    const writer = new SequentialWriter(this.part as PartFile, segment.pos, this.batchBytes(), (written) => {
      segment.pos = written;
      this.dirty = true;
    });
    try {
      while (writer.next < segment.end) {
        const next = await this.nextChunk(chunks, signal);
        if (next.done) return;
        await this.store(next.value, segment, writer, signal);
      }
    } finally {
      discard(body);
      await writer.drain();
    }
  }

  private isLimited(): boolean {
    return [this.limit, ...(this.options.sharedLimits ?? [])].some((bucket) => bucket.bytesPerSecond > 0);
  }

  /** Big batches at full speed, shared out among connections to bound memory; small ones under a limit. */
  private batchBytes(): number {
    if (this.isLimited()) return LIMITED_SLICE_BYTES;
    return Math.max(MIN_BATCH_BYTES, Math.floor(WRITE_BUFFER_BYTES / this.connections));
  }

  /**
   * Under a speed limit a socket chunk (often hundreds of KiB on a fast link)
   * goes through in small slices, so a limit change applies within one slice.
   */
  private async store(chunk: Buffer, segment: Segment, writer: SequentialWriter, signal: AbortSignal): Promise<void> {
    const sliceSize = this.isLimited() ? LIMITED_SLICE_BYTES : chunk.length;
    for (let offset = 0; offset < chunk.length; offset += sliceSize) {
      // Another connection may have stolen the tail of this segment meanwhile.
      const room = segment.end - writer.next;
      if (room <= 0) return;
      const slice = chunk.subarray(offset, offset + Math.min(sliceSize, room));
      await this.limit.take(slice.length, signal);
      for (const bucket of this.options.sharedLimits ?? []) await bucket.take(slice.length, signal);
      segment.taken = writer.next + slice.length;
      await writer.add(slice);
    }
  }

  /** The next chunk, or a retryable timeout when the server goes quiet. */
  private nextChunk(chunks: AsyncIterator<Buffer>, signal: AbortSignal): Promise<IteratorResult<Buffer>> {
    const stallMs = this.options.stallTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const stalled = () =>
        reject(
          new EngineError(
            'timeout',
            `${host(this.target.url)} stopped sending data for ${Math.round(stallMs / 1000)} s. Ferry will resume from where it stopped.`,
            { retryable: true },
          ),
        );
      const aborted = () => reject(signal.reason);
      const timer = setTimeout(stalled, stallMs);
      signal.addEventListener('abort', aborted, { once: true });
      chunks
        .next()
        .then(resolve, reject)
        .finally(() => {
          clearTimeout(timer);
          signal.removeEventListener('abort', aborted);
        });
    });
  }

  /** Checkpoints run one at a time, so none can report bytes another is still syncing. */
  private queueCheckpoint(): Promise<ResumeState | undefined> {
    const next = this.checkpoints.then(() => this.checkpoint());
    this.checkpoints = next.catch(() => undefined);
    return next;
  }

  /** Snapshots positions, then syncs: every byte the snapshot claims is on disk when it is reported. */
  private async checkpoint(): Promise<ResumeState | undefined> {
    if (!this.part || !this.plan) return undefined;
    const state = this.resumeState(this.part, this.plan);
    if (this.dirty) {
      this.dirty = false;
      try {
        await this.part.sync();
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    }
    this.lastDurable = state;
    this.notify(() => this.options.onCheckpoint?.(state));
    return state;
  }

  private resumeState(part: PartFile, plan: SegmentPlan): ResumeState {
    return { fileName: part.name, size: this.size, ...this.validator, ranges: plan.toRanges() };
  }

  private async finish(): Promise<TransferOutcome> {
    this.settling = true;
    await this.checkpoints;
    this.status = 'verifying';
    this.emitProgress();
    const part = this.part as PartFile;
    const size = await part.size();
    if (this.size !== null && size !== this.size) {
      await this.discardPart();
      throw new EngineError(
        'verification',
        `${part.name} had ${size} bytes on disk instead of ${this.size}, so it was discarded. Download it again.`,
      );
    }
    const expectedHash = this.options.spec.sha256?.toLowerCase();
    const sha256 = expectedHash ? await part.sha256() : undefined;
    if (expectedHash && sha256 !== expectedHash) {
      await this.discardPart();
      throw new EngineError(
        'verification',
        `${part.name} does not match its expected checksum, so it was discarded. Download it again; if it keeps failing, the source file is damaged.`,
      );
    }
    const path = await part.finish();
    this.status = 'done';
    return { status: 'done', path, size, ...(sha256 ? { sha256 } : {}) };
  }

  private async discardPart(): Promise<void> {
    await this.part?.remove();
    this.part = null;
  }

  private async settleInterrupted(raw: unknown): Promise<TransferOutcome> {
    this.settling = true;
    await this.checkpoints;
    if (this.stopReason === 'cancel') {
      this.status = 'canceled';
      await this.discardPart().catch(() => undefined);
      return { status: 'canceled' };
    }
    // After a failed sync only the last durable state may be trusted.
    const state = await this.checkpoint().catch(() => this.lastDurable);
    await this.part?.close();
    if (this.stopReason === 'pause') {
      this.status = 'paused';
      return { status: 'paused', ...(state ? { state } : {}) };
    }
    this.status = 'failed';
    const error = raw instanceof EngineError ? raw : fromNetworkError(raw, host(this.target.url));
    return { status: 'failed', error, ...(state ? { state } : {}) };
  }
}
