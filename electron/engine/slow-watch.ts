import { EngineError } from './engine-error';

/**
 * When a download is too slow to be worth keeping alive: less than `minBytesPerSecond` over `windowMs` is a stall,
 * and `stallsToFail` stalls in a row fail it. Without it a server trickling a byte every few seconds (or one per
 * retry) would hold a download, and its place in the queue, forever.
 */
export interface SlowRule {
  minBytesPerSecond: number;
  windowMs: number;
  stallsToFail: number;
}

export const defaultSlowRule: SlowRule = { minBytesPerSecond: 1024, windowMs: 30_000, stallsToFail: 3 };

/** How much the body had received when the clock read `at`. */
interface Sample {
  at: number;
  received: number;
}

/**
 * Measures a whole transfer's body bytes over a rolling window, across its connections and passes, so one slow
 * connection of a fast download is never called too slow (that one is left to the stall timeout and to work
 * stealing). Its clock runs only while some connection is waiting for the server: time spent under a speed limit,
 * writing to disk, or backing off between retries is not the server's slowness. A stall ends every wait with a
 * retryable timeout, so each connection asks again; the last one allowed ends them with `too_slow`, which is not.
 */
export class SlowWatch {
  private readonly waits = new Set<(error: EngineError) => void>();
  private clock = 0;
  private clockReadAt = 0;
  private received = 0;
  private samples: Sample[] = [{ at: 0, received: 0 }];
  private stallsInARow = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Who the bytes come from, as the latest wait named it: redirects may move the download to another host. */
  private host = 'the server';

  constructor(private readonly rule: SlowRule) {}

  /**
   * A connection waits for its next chunk from `host`; `stall` ends the wait. The result is called with the size of
   * the chunk that came, or 0 when the wait ended otherwise.
   */
  waiting(stall: (error: EngineError) => void, host: string): (bytes: number) => void {
    this.tick();
    this.host = host;
    this.waits.add(stall);
    if (!this.timer) {
      // Checked eight times per window: a stall is noticed within 1⅛ of it.
      this.timer = setInterval(() => this.check(), Math.max(5, this.rule.windowMs / 8));
      this.timer.unref();
    }
    return (bytes) => {
      this.tick();
      this.received += bytes;
      this.waits.delete(stall);
    };
  }

  /** Advances the clock by the time some connection waited since it was last read. */
  private tick(): void {
    const now = performance.now();
    if (this.waits.size > 0) this.clock += now - this.clockReadAt;
    this.clockReadAt = now;
  }

  private check(): void {
    // Idle between waits, the timer goes: a transfer that ended, or waits on a limit, keeps nothing running.
    if (this.waits.size === 0) {
      this.stopTimer();
      return;
    }
    this.tick();
    this.samples.push({ at: this.clock, received: this.received });
    const windowStart = this.clock - this.rule.windowMs;
    while ((this.samples[1]?.at ?? Number.POSITIVE_INFINITY) <= windowStart) this.samples.shift();
    const oldest = this.samples[0];
    if (!oldest || oldest.at > windowStart) return;
    const gained = this.received - oldest.received;
    if (gained >= (this.rule.minBytesPerSecond * this.rule.windowMs) / 1000) {
      this.stallsInARow = 0;
      return;
    }
    this.stall();
  }

  /** Every waiting connection stops; the window starts afresh for the connections that ask again. */
  private stall(): void {
    this.stallsInARow += 1;
    this.samples = [{ at: this.clock, received: this.received }];
    const error = this.stallsInARow >= this.rule.stallsToFail ? this.tooSlow() : this.slowStall();
    const waits = [...this.waits];
    this.waits.clear();
    this.stopTimer();
    for (const stall of waits) stall(error);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private slowStall(): EngineError {
    return new EngineError('timeout', `${this.host} sent ${this.slowness()}.`, { retryable: true });
  }

  private tooSlow(): EngineError {
    const times = this.rule.stallsToFail === 1 ? 'once' : `${this.rule.stallsToFail} times in a row`;
    return new EngineError(
      'too_slow',
      `${this.host} sent ${this.slowness()}, ${times}, so Ferry stopped the download: the server is too slow. What arrived is kept: retry later, or download the file from another source.`,
    );
  }

  private slowness(): string {
    const { minBytesPerSecond, windowMs } = this.rule;
    const rate =
      minBytesPerSecond >= 1024 ? `${Math.round(minBytesPerSecond / 1024)} KiB/s` : `${minBytesPerSecond} B/s`;
    const window = windowMs < 1000 ? `${windowMs} ms` : `${Math.round(windowMs / 1000)} s`;
    return `less than ${rate} for ${window}`;
  }
}
