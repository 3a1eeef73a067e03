import type { Download, DownloadProgress } from '../../shared/downloads';
import { isActive } from './download-filters';

/** The window the totals bar's sparkline covers. */
export const SPEED_WINDOW_MS = 60_000;

/** The overall speed at one moment. */
export interface SpeedSample {
  at: number;
  speed: number;
}

export interface DownloadTotals {
  active: number;
  /** Bytes per second over every running download. */
  speed: number;
  /** Seconds until everything running is in; null while nothing moves or a size is unknown. */
  secondsLeft: number | null;
}

/** Live numbers only count while a download runs: a stopped one keeps its last, stale report. */
function running(downloads: Record<number, Download>, progress: Record<number, DownloadProgress>): DownloadProgress[] {
  return Object.values(progress).filter((item) => downloads[item.id]?.status === 'downloading');
}

export function totalSpeed(downloads: Record<number, Download>, progress: Record<number, DownloadProgress>): number {
  return running(downloads, progress).reduce((sum, item) => sum + item.speed, 0);
}

export function downloadTotals(
  downloads: Record<number, Download>,
  progress: Record<number, DownloadProgress>,
): DownloadTotals {
  let active = 0;
  let remaining = 0;
  let sizeUnknown = false;
  for (const download of Object.values(downloads)) {
    if (!isActive(download.status)) continue;
    active += 1;
    if (download.status !== 'downloading') continue;
    const live = progress[download.id];
    const size = live?.size ?? download.size;
    if (size === null) sizeUnknown = true;
    else remaining += Math.max(0, size - (live?.received ?? download.received));
  }
  const speed = totalSpeed(downloads, progress);
  return { active, speed, secondsLeft: speed > 0 && !sizeUnknown ? remaining / speed : null };
}

/** Adds a sample and forgets those older than the window. */
export function recordSpeed(samples: SpeedSample[], sample: SpeedSample, windowMs = SPEED_WINDOW_MS): SpeedSample[] {
  const since = sample.at - windowMs;
  return [...samples.filter((earlier) => earlier.at >= since && earlier.at <= sample.at), sample];
}

/**
 * The samples as an SVG polyline's points in a width × height box: time runs
 * left to right over the window ending at the newest sample, the top is the
 * fastest speed seen (or 1 B/s, so a flat zero line stays at the bottom).
 */
export function sparklinePoints(samples: SpeedSample[], width: number, height: number, windowMs = SPEED_WINDOW_MS) {
  const last = samples.at(-1);
  if (!last) return '';
  const top = Math.max(1, ...samples.map((sample) => sample.speed));
  const start = last.at - windowMs;
  const round = (value: number) => Math.round(value * 10) / 10;
  return samples
    .map((sample) => {
      const x = ((sample.at - start) / windowMs) * width;
      const y = height - (sample.speed / top) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}
