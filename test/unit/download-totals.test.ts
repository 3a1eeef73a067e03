import { describe, expect, it } from 'vitest';
import { downloadTotals, recordSpeed, sparklinePoints } from '../../renderer/store/download-totals';
import { download } from './download-fixture';

describe('downloadTotals', () => {
  it('adds up what runs: count, speed, and the time left for the bytes still to come', () => {
    const downloads = {
      1: download({ id: 1, status: 'downloading', size: 1000, received: 0 }),
      2: download({ id: 2, status: 'downloading', size: 3000, received: 1000 }),
      3: download({ id: 3, status: 'waiting' }),
      4: download({ id: 4, status: 'paused', size: 50 }),
    };
    const progress = {
      1: { id: 1, received: 600, size: 1000, speed: 100, eta: 4 },
      2: { id: 2, received: 2000, size: 3000, speed: 300, eta: 3 },
      4: { id: 4, received: 10, size: 50, speed: 999, eta: 1 },
    };
    expect(downloadTotals(downloads, progress)).toEqual({ active: 3, speed: 400, secondsLeft: 1400 / 400 });
  });

  it('knows no time left while nothing moves or a size is unknown', () => {
    const still = { 1: download({ id: 1, status: 'downloading', size: 10 }) };
    expect(downloadTotals(still, {}).secondsLeft).toBeNull();
    const unknown = { 1: download({ id: 1, status: 'downloading', size: null }) };
    expect(downloadTotals(unknown, { 1: { id: 1, received: 5, size: null, speed: 5, eta: null } })).toEqual({
      active: 1,
      speed: 5,
      secondsLeft: null,
    });
  });
});

describe('speed samples', () => {
  it('keeps one minute of samples', () => {
    let samples = recordSpeed([], { at: 0, speed: 1 });
    samples = recordSpeed(samples, { at: 30_000, speed: 2 });
    samples = recordSpeed(samples, { at: 61_000, speed: 3 });
    expect(samples).toEqual([
      { at: 30_000, speed: 2 },
      { at: 61_000, speed: 3 },
    ]);
  });

  it('draws time left to right over the minute and the fastest speed at the top', () => {
    const samples = [
      { at: 30_000, speed: 0 },
      { at: 60_000, speed: 50 },
      { at: 90_000, speed: 100 },
    ];
    expect(sparklinePoints(samples, 120, 20)).toEqual('0,20 60,10 120,0');
    expect(sparklinePoints([{ at: 5, speed: 0 }], 120, 20)).toBe('120,20');
    expect(sparklinePoints([], 120, 20)).toBe('');
  });
});
