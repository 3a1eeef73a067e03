import { EngineError, fromNetworkError } from './engine-error';
import type { SlowWatch } from './slow-watch';

export interface BodyWatch {
  signal: AbortSignal;
  stallMs: number;
  host: string;
  /** The transfer's measure of whether its bodies, together, come too slowly. */
  slow?: SlowWatch;
}

/**
 * A body's chunks, one at a time: a retryable timeout when the server goes
 * quiet for `stallMs` while a chunk is awaited, the signal's reason at once on
 * a pause or cancel, and the engine's network error for a socket error. One
 * timer and one abort listener serve the whole body rather than one of each
 * per chunk: a 1 GiB file arrives in some 16,000 chunks.
 */
export class WatchedBody {
  private awaited: { since: number; reject(reason: unknown): void } | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.awaited?.reject(this.watch.signal.reason);

  constructor(
    private readonly chunks: AsyncIterator<Buffer>,
    private readonly watch: BodyWatch,
  ) {
    // Checked four times per stall period: a stall is noticed within 1¼ of it.
    this.timer = setInterval(() => this.checkStall(), Math.max(5, watch.stallMs / 4));
    this.timer.unref();
    watch.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  next(): Promise<IteratorResult<Buffer>> {
    const { signal, host } = this.watch;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      this.awaited = { since: performance.now(), reject };
      const arrived = this.watch.slow?.waiting(reject, host);
      this.chunks
        .next()
        .then(
          (result) => {
            arrived?.(result.done ? 0 : result.value.length);
            resolve(result);
          },
          (error: unknown) => {
            arrived?.(0);
            reject(signal.aborted ? signal.reason : fromNetworkError(error, host));
          },
        )
        .finally(() => {
          this.awaited = null;
        });
    });
  }

  /** Stops watching; the body itself is the caller's to discard. */
  close(): void {
    clearInterval(this.timer);
    this.watch.signal.removeEventListener('abort', this.onAbort);
  }

  private checkStall(): void {
    const { stallMs, host } = this.watch;
    if (!this.awaited || performance.now() - this.awaited.since < stallMs) return;
    this.awaited.reject(
      new EngineError('timeout', `${host} stopped sending data for ${duration(stallMs)}.`, { retryable: true }),
    );
  }
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
