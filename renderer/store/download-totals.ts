import type { Download, DownloadProgress } from '../../shared/downloads';
import { isActive } from './download-filters';

/** The window the totals bar's sparkline covers. */
export const SPEED_WINDOW_MS = 60_000;

/** The overall speed at one moment. */
export interface SpeedSample {
  at: number;
  speed: number;
}

/**
 * The sums behind the totals bar, kept up to date one download at a time so a
 * progress batch costs what it changed, not a walk over every download. Speeds
 * are whole bytes per second, so adding and taking away never drifts.
 */
export interface RunningTotals {
  active: number;
  /** Bytes per second over every running download. */
  speed: number;
  /** Bytes still to come for the running downloads whose size is known. */
  remaining: number;
  /** Running downloads whose size is not known, which leave the time left unknown. */
  sizeUnknown: number;
}

export const noTotals: RunningTotals = { active: 0, speed: 0, remaining: 0, sizeUnknown: 0 };

/** What the totals bar shows. */
export interface DownloadTotals {
  active: number;
  speed: number;
  /** Seconds until everything running is in; null while nothing moves or a size is unknown. */
  secondsLeft: number | null;
}

/** One download's share of the totals. Live numbers only count while it runs: a stopped one keeps its last, stale report. */
export function contribution(download: Download | undefined, live: DownloadProgress | undefined): RunningTotals {
  if (!download || !isActive(download.status)) return noTotals;
  if (download.status !== 'downloading') return { ...noTotals, active: 1 };
  const size = live?.size ?? download.size;
  return {
    active: 1,
    speed: Math.round(live?.speed ?? 0),
    remaining: size === null ? 0 : Math.max(0, size - (live?.received ?? download.received)),
    sizeUnknown: size === null ? 1 : 0,
  };
}

/** The totals once one download's share went from `before` to `after`. */
export function replaceContribution(totals: RunningTotals, before: RunningTotals, after: RunningTotals): RunningTotals {
  if (before === after) return totals;
  return {
    active: totals.active - before.active + after.active,
    speed: totals.speed - before.speed + after.speed,
    remaining: totals.remaining - before.remaining + after.remaining,
    sizeUnknown: totals.sizeUnknown - before.sizeUnknown + after.sizeUnknown,
  };
}

export function downloadTotals(totals: RunningTotals): DownloadTotals {
  const { active, speed, remaining, sizeUnknown } = totals;
  return { active, speed, secondsLeft: speed > 0 && sizeUnknown === 0 ? remaining / speed : null };
}

/** Adds a sample and forgets those older than the window. */
export function recordSpeed(samples: SpeedSample[], sample: SpeedSample, windowMs = SPEED_WINDOW_MS): SpeedSample[] {
  const since = sample.at - windowMs;
  return [...samples.filter((earlier) => earlier.at >= since && earlier.at <= sample.at), sample];
}

/** Below this the sparkline stays low: a few bytes a second must not look like a peak. */
export const SPARK_FLOOR_BYTES = 1024;

/**
 * The samples as an SVG polyline's points in a width × height box, or nothing
 * until there are two to join. Time runs left to right over the samples'
 * span, at least a quarter of the window (a burst of a second or two must not
 * fill the width as one steep spike) and at most all of it, so the line grows
 * from the right edge and fills the width well before the minute is up; the
 * top is the fastest speed seen, at least `SPARK_FLOOR_BYTES`.
 */
export function sparklinePoints(samples: SpeedSample[], width: number, height: number, windowMs = SPEED_WINDOW_MS) {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || samples.length < 2) return '';
  if (last.at <= first.at) return '';
  const span = Math.min(windowMs, Math.max(windowMs / 4, last.at - first.at));
  const start = last.at - span;
  const top = Math.max(SPARK_FLOOR_BYTES, ...samples.map((sample) => sample.speed));
  const round = (value: number) => Math.round(value * 10) / 10;
  return samples
    .map((sample) => {
      const x = Math.max(0, (sample.at - start) / span) * width;
      const y = height - (Math.max(0, sample.speed) / top) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}
