import type { Dispatcher } from 'undici';
import { sleep } from './abortable-sleep';
import type { DownloadSpec } from './download-spec';
import { canceled, EngineError, fromHttpStatus, fromNetworkError } from './engine-error';
import { chooseFileName } from './file-name';
import { type HttpResponse, type HttpTarget, header, host, sendFollowingRedirects, toTarget } from './http-request';
import { PartFile } from './part-file';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry-policy';
import { type ByteRange, MIN_SEGMENT_BYTES, type Segment, SegmentPlan } from './segments';
import { SequentialWriter } from './sequential-writer';
import { SpeedMeter } from './speed-meter';
import { TokenBucket } from './token-bucket';

export type TransferStatus = 'downloading' | 'paused' | 'verifying' | 'done' | 'failed' | 'canceled';

/** Everything needed to continue later, in this process or the next one. */
export interface ResumeState {
  fileName: string;
  size: number | null;
  etag?: string;
  lastModified?: string;
  ranges: ByteRange[];
}

export interface TransferProgress {
  status: TransferStatus;
  received: number;
  size: number | null;
  /** Bytes per second, smoothed. */
  speed: number;
  /** Seconds, or null when unknown. */
  eta: number | null;
}

export type TransferOutcome =
  | { status: 'done'; path: string; size: number; sha256?: string }
  | { status: 'paused'; state: ResumeState }
  | { status: 'failed'; error: EngineError; state?: ResumeState }
  | { status: 'canceled' };

export interface TransferOptions {
  spec: DownloadSpec;
  directory: string;
  dispatcher: Dispatcher;
  resume?: ResumeState;
  /** Connections for this file when the server allows ranges: 1 to 16. */
  connections?: number;
  /** Bytes per second for this transfer; 0 is unlimited. */
  speedLimit?: number;
  globalLimit?: TokenBucket;
  retry?: RetryPolicy;
  /** No bytes for this long means a stalled connection, which is retried. */
  stallTimeoutMs?: number;
  checkpointIntervalMs?: number;
  progressIntervalMs?: number;
  onProgress?(progress: TransferProgress): void;
  onCheckpoint?(state: ResumeState): void;
}

export const MAX_CONNECTIONS = 16;
const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;
const LIMITED_SLICE_BYTES = 16 * 1024;
/** Per transfer, split among its connections: 4 MiB batches measured twice as fast as 64 KiB writes. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;
const MIN_BATCH_BYTES = 512 * 1024;

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
  private plan: SegmentPlan | null = null;
  private size: number | null = null;
  private validator: { etag?: string; lastModified?: string } = {};
  private target: HttpTarget;
  private rangesSupported = false;
  private dirty = false;
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
    this.halt('pause');
    await this.settled;
  }

  /** Stops and deletes the part. */
  async cancel(): Promise<void> {
    this.halt('cancel');
    await this.settled;
  }

  setSpeedLimit(bytesPerSecond: number): void {
    this.limit.setRate(bytesPerSecond);
  }

  progress(): TransferProgress {
    const received = this.received();
    const speed = this.meter.sample(received);
    return { status: this.status, received, size: this.size, speed, eta: this.meter.eta(received, this.size) };
  }

  private halt(reason: 'pause' | 'cancel'): void {
    this.stopReason ??= reason;
    this.stop.abort(canceled());
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
      for (const timer of timers) clearInterval(timer);
      this.emitProgress();
    }
  }

  private startTimers(): NodeJS.Timeout[] {
    const { progressIntervalMs = 250, checkpointIntervalMs = 1000 } = this.options;
    return [
      setInterval(() => this.emitProgress(), progressIntervalMs),
      setInterval(() => void this.checkpoint().catch(() => undefined), checkpointIntervalMs),
    ];
  }

  private emitProgress(): void {
    this.options.onProgress?.(this.progress());
  }

  private received(): number {
    if (!this.plan) return 0;
    const remaining = this.plan.remaining();
    if (this.size !== null) return this.size - remaining;
    return this.plan.first?.pos ?? 0;
  }

  /** A resumed transfer continues in its part; if the part is gone, it starts over. */
  private async openPart(): Promise<void> {
    const resume = this.options.resume;
    if (!resume) return;
    this.part = await PartFile.reopen(this.options.directory, resume.fileName);
    if (!this.part) return;
    this.size = resume.size;
    this.validator = { etag: resume.etag, lastModified: resume.lastModified };
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
        await this.resetToZero();
      }
    }
  }

  private async pass(): Promise<void> {
    const first = await this.withRetries(
      () => this.openFirstResponse(),
      () => 0,
    );
    const pass = new AbortController();
    const signal = AbortSignal.any([this.stop.signal, pass.signal]);
    const plan = this.plan as SegmentPlan;
    const firstSegment = plan.claim(0) as Segment;
    const connections = this.connectionCount();
    if (connections > 1 && plan.toRanges().length === 1) plan.splitEvenly(firstSegment, connections);
    const workers = [this.worker(0, signal, firstSegment, first)];
    for (let id = 1; id < connections; id++) workers.push(this.worker(id, signal));
    // The first failure stops the siblings; all must settle before the part is touched again.
    const abortSiblings = (error: unknown) => {
      pass.abort();
      throw error;
    };
    const results = await Promise.allSettled(workers.map((work) => work.catch(abortSiblings)));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
  }

  private connectionCount(): number {
    if (!this.rangesSupported || this.size === null || this.target.method !== 'GET') return 1;
    const wanted = Math.min(MAX_CONNECTIONS, Math.max(1, this.options.connections ?? 4));
    return Math.max(1, Math.min(wanted, Math.floor((this.plan as SegmentPlan).remaining() / MIN_SEGMENT_BYTES)));
  }

  private async worker(id: number, signal: AbortSignal, segment?: Segment, body?: HttpResponse['body']): Promise<void> {
    let current = segment ?? (this.plan as SegmentPlan).claim(id);
    let opened = body;
    while (current) {
      await this.fetchSegment(current, signal, opened);
      (this.plan as SegmentPlan).release(current);
      opened = undefined;
      current = (this.plan as SegmentPlan).claim(id);
    }
  }

  /** Fetches one segment to its end, retrying from the last byte written. */
  private async fetchSegment(segment: Segment, signal: AbortSignal, body?: HttpResponse['body']): Promise<void> {
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
    );
  }

  /**
   * Runs `attempt` until it succeeds, backing off between retryable failures.
   * Attempts that made progress reset the count, so a flaky but moving link never gives up.
   */
  private async withRetries<T>(attempt: () => Promise<T>, progress: () => number): Promise<T> {
    let failures = 0;
    for (;;) {
      const before = progress();
      try {
        return await attempt();
      } catch (raw) {
        if (this.stop.signal.aborted) throw canceled();
        if (raw instanceof RestartFromZero) throw raw;
        const error = raw instanceof EngineError ? raw : fromNetworkError(raw, host(this.target.url));
        if (!error.retryable) throw error;
        if (!this.rangesSupported && progress() > 0) throw new RestartFromZero();
        failures = progress() > before ? 1 : failures + 1;
        if (failures >= this.retry.maxAttempts) throw error;
        await sleep(this.retryDelay(failures, error), this.stop.signal);
      }
    }
  }

  private retryDelay(failures: number, error: EngineError): number {
    const backoff = backoffDelay(failures, this.retry);
    if (error.retryAfterMs === undefined) return backoff;
    if (error.retryAfterMs > this.retry.maxRetryAfterMs) {
      throw new EngineError(
        error.code,
        `${error.message} The server asked to wait ${Math.ceil(error.retryAfterMs / 60_000)} minutes; try again later.`,
        { status: error.status },
      );
    }
    return Math.max(backoff, error.retryAfterMs);
  }

  private async openFirstResponse(): Promise<HttpResponse['body']> {
    const start = this.plan?.first?.pos ?? 0;
    const ranged = this.target.method === 'GET';
    const extraHeaders: Record<string, string> = ranged ? { range: `bytes=${start}-`, ...this.ifRange() } : {};
    const response = await sendFollowingRedirects(this.target, this.sendOptions(this.stop.signal, extraHeaders));
    this.target = response.target;
    if (response.status === 206) {
      await this.adoptPartial(response, start);
    } else if (response.status >= 200 && response.status < 300) {
      await this.adoptWhole(response);
    } else {
      await response.body.dump().catch(() => undefined);
      if (response.status === 416 && this.plan) throw new RestartFromZero();
      throw this.statusError(response);
    }
    return response.body;
  }

  /** 206: the server honours ranges; on resume the file must still be the same one. */
  private async adoptPartial(response: HttpResponse, start: number): Promise<void> {
    const range = parseContentRange(header(response.headers, 'content-range'));
    if (!range || range.start !== start || (this.part && range.size !== this.size)) {
      await response.body.dump().catch(() => undefined);
      if (this.part) throw new RestartFromZero();
      throw new EngineError(
        'bad_response',
        `${host(this.target.url)} answered with the wrong part of the file. Try again later.`,
      );
    }
    this.rangesSupported = true;
    if (this.part) return;
    this.size = range.size;
    await this.createPart(response);
  }

  /** 200: the whole file from byte 0, either fresh or because the server ignored or refused our range. */
  private async adoptWhole(response: HttpResponse): Promise<void> {
    const length = header(response.headers, 'content-length');
    this.size = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
    this.rangesSupported = false;
    if (this.part) {
      await this.part.truncate(0);
      this.recordValidator(response);
      this.plan = SegmentPlan.whole(this.size);
      this.checkExpectedSize();
      return;
    }
    await this.createPart(response);
  }

  private async createPart(response: HttpResponse): Promise<void> {
    this.checkExpectedSize();
    const name = chooseFileName({
      contentDisposition: header(response.headers, 'content-disposition'),
      suggestedName: this.options.spec.suggestedName,
      url: this.target.url,
      contentType: header(response.headers, 'content-type'),
    });
    this.part = await PartFile.create(this.options.directory, name);
    this.recordValidator(response);
    this.plan = SegmentPlan.whole(this.size);
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

  /** If-Range needs a strong ETag; Last-Modified is the fallback. */
  private recordValidator(response: HttpResponse): void {
    const etag = header(response.headers, 'etag');
    this.validator = {
      etag: etag && !etag.startsWith('W/') ? etag : undefined,
      lastModified: header(response.headers, 'last-modified'),
    };
  }

  private ifRange(): Record<string, string> {
    const value = this.validator.etag ?? this.validator.lastModified;
    return value && this.part ? { 'if-range': value } : {};
  }

  private async openRange(segment: Segment, signal: AbortSignal): Promise<HttpResponse['body']> {
    const last = Number.isFinite(segment.end) ? String(segment.end - 1) : '';
    const extraHeaders = { range: `bytes=${segment.pos}-${last}`, ...this.ifRange() };
    const response = await sendFollowingRedirects(this.target, this.sendOptions(signal, extraHeaders));
    if (response.status === 206) {
      const range = parseContentRange(header(response.headers, 'content-range'));
      if (range && range.start === segment.pos && range.size === this.size) return response.body;
    }
    await response.body.dump().catch(() => undefined);
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
  private async pump(body: HttpResponse['body'], segment: Segment, signal: AbortSignal): Promise<void> {
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
      if (!body.destroyed) body.destroy();
      await writer.drain();
    }
  }

  private isLimited(): boolean {
    return this.limit.bytesPerSecond > 0 || (this.options.globalLimit?.bytesPerSecond ?? 0) > 0;
  }

  /** Big batches at full speed, shared out among connections to bound memory; small ones under a limit. */
  private batchBytes(): number {
    if (this.isLimited()) return LIMITED_SLICE_BYTES;
    return Math.max(MIN_BATCH_BYTES, Math.floor(WRITE_BUFFER_BYTES / this.connectionCount()));
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
      await this.options.globalLimit?.take(slice.length, signal);
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

  private async resetToZero(): Promise<void> {
    await this.part?.truncate(0);
    this.plan = null;
    this.size = null;
    this.validator = {};
  }

  /** Snapshots positions, then syncs: every byte the snapshot claims is on disk when it is reported. */
  private async checkpoint(): Promise<ResumeState | undefined> {
    if (!this.part || !this.plan) return undefined;
    const state = this.resumeState();
    if (this.dirty) {
      this.dirty = false;
      await this.part.sync();
    }
    this.options.onCheckpoint?.(state);
    return state;
  }

  private resumeState(): ResumeState {
    return {
      fileName: (this.part as PartFile).name,
      size: this.size,
      ...this.validator,
      ranges: (this.plan as SegmentPlan).toRanges(),
    };
  }

  private async finish(): Promise<TransferOutcome> {
    this.status = 'verifying';
    this.emitProgress();
    const part = this.part as PartFile;
    const size = await part.size();
    if (this.size !== null && size !== this.size) {
      throw new EngineError(
        'verification',
        `${part.name} has ${size} bytes on disk instead of ${this.size}. Ferry will need to download it again.`,
      );
    }
    const expectedHash = this.options.spec.sha256?.toLowerCase();
    const sha256 = expectedHash ? await part.sha256() : undefined;
    if (expectedHash && sha256 !== expectedHash) {
      await part.remove();
      this.part = null;
      throw new EngineError(
        'verification',
        `${part.name} does not match its expected checksum, so it was discarded. Download it again; if it keeps failing, the source file is damaged.`,
      );
    }
    const path = await part.finish();
    this.status = 'done';
    return { status: 'done', path, size, ...(sha256 ? { sha256 } : {}) };
  }

  private async settleInterrupted(raw: unknown): Promise<TransferOutcome> {
    if (this.stopReason === 'cancel') {
      this.status = 'canceled';
      await this.part?.remove();
      return { status: 'canceled' };
    }
    const state = await this.checkpoint().catch(() => (this.part && this.plan ? this.resumeState() : undefined));
    await this.part?.close();
    if (this.stopReason === 'pause' && state) {
      this.status = 'paused';
      return { status: 'paused', state };
    }
    this.status = 'failed';
    const error = raw instanceof EngineError ? raw : fromNetworkError(raw, host(this.target.url));
    return { status: 'failed', error, ...(state ? { state } : {}) };
  }
}

/** `bytes 0-99/1000` -> start 0, size 1000; `*` sizes are unknown, which ranged downloads cannot use. */
export function parseContentRange(value: string | undefined): { start: number; size: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), size: Number(match[3]) };
}
