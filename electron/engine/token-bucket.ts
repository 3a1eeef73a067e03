import { wait } from './wait';

/** Wakes a waiting taker at least this often, so a new limit takes effect quickly. */
const RECHECK_MS = 100;

/**
 * A token bucket in bytes per second; 0 means unlimited. Takers may go into
 * debt (a chunk larger than the bucket still passes) and then wait until the
 * debt is repaid, which keeps the average rate exact for any chunk size.
 */
export class TokenBucket {
  private rate: number;
  private tokens: number;
  private updatedAt = performance.now();

  constructor(bytesPerSecond = 0) {
    this.rate = bytesPerSecond;
    this.tokens = this.capacity();
  }

  get bytesPerSecond(): number {
    return this.rate;
  }

  setRate(bytesPerSecond: number): void {
    this.refill();
    this.rate = Math.max(0, bytesPerSecond);
    this.tokens = Math.min(this.tokens, this.capacity());
  }

  async take(bytes: number, signal: AbortSignal): Promise<void> {
    if (this.rate === 0) return;
    this.refill();
    this.tokens -= bytes;
    while (this.rate > 0 && this.tokens < 0) {
      await wait(Math.min(RECHECK_MS, (-this.tokens / this.rate) * 1000), signal);
      this.refill();
    }
  }

  /** A quarter second of burst: smooth enough for progress, loose enough for big chunks. */
  private capacity(): number {
    return this.rate / 4;
  }

  private refill(): void {
    const now = performance.now();
    if (this.rate > 0)
      this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
  }
}
