/** Smoothing factor per second: the speed follows changes within a few seconds without jumping around. */
const HALF_LIFE_MS = 2000;

/** Bytes per second as an exponentially weighted average, and the ETA it implies. */
export class SpeedMeter {
  private speed = 0;
  private lastBytes: number;
  private lastTime: number;

  constructor(startBytes: number, now: number = performance.now()) {
    this.lastBytes = startBytes;
    this.lastTime = now;
  }

  sample(totalBytes: number, now: number = performance.now()): number {
    const elapsed = now - this.lastTime;
    if (elapsed <= 0) return this.speed;
    const instant = ((totalBytes - this.lastBytes) / elapsed) * 1000;
    const weight = 1 - 0.5 ** (elapsed / HALF_LIFE_MS);
    this.speed = this.speed === 0 ? instant : this.speed + weight * (instant - this.speed);
    this.lastBytes = totalBytes;
    this.lastTime = now;
    return this.speed;
  }

  /** Seconds left, or null when unknown (no total, or nothing moving). */
  eta(totalBytes: number, size: number | null): number | null {
    if (size === null || this.speed <= 0) return null;
    return Math.max(0, (size - totalBytes) / this.speed);
  }
}
