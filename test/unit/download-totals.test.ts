import { describe, expect, it } from 'vitest';
import type { FerryClient } from '../../renderer/ipc/client';
import { isActive } from '../../renderer/store/download-filters';
import {
  contribution,
  downloadTotals,
  noTotals,
  type RunningTotals,
  recordSpeed,
  replaceContribution,
  sparklinePoints,
} from '../../renderer/store/download-totals';
import { createFerryStore } from '../../renderer/store/ferry-store';
import type { DownloadStatus } from '../../shared/download-status';
import type { Download, DownloadProgress } from '../../shared/downloads';
import { download } from './download-fixture';

/** The totals the slow way, walking every download: what the running sums must always equal. */
function walkedTotals(downloads: Record<number, Download>, progress: Record<number, DownloadProgress>): RunningTotals {
  const totals = { ...noTotals };
  for (const item of Object.values(downloads)) {
    if (!isActive(item.status)) continue;
    totals.active += 1;
    if (item.status !== 'downloading') continue;
    const live = progress[item.id];
    const size = live?.size ?? item.size;
    totals.speed += Math.round(live?.speed ?? 0);
    if (size === null) totals.sizeUnknown += 1;
    else totals.remaining += Math.max(0, size - (live?.received ?? item.received));
  }
  return totals;
}

function sumOf(shares: RunningTotals[]): RunningTotals {
  return shares.reduce((totals, share) => replaceContribution(totals, noTotals, share), noTotals);
}

describe('running totals', () => {
  it('adds up what runs: count, speed, and the time left for the bytes still to come', () => {
    const totals = sumOf([
      contribution(download({ id: 1, status: 'downloading', size: 1000 }), {
        id: 1,
        received: 600,
        size: 1000,
        speed: 100,
        eta: 4,
      }),
      contribution(download({ id: 2, status: 'downloading', size: 3000, received: 1000 }), {
        id: 2,
        received: 2000,
        size: 3000,
        speed: 300,
        eta: 3,
      }),
      contribution(download({ id: 3, status: 'waiting' }), undefined),
      contribution(download({ id: 4, status: 'paused', size: 50 }), {
        id: 4,
        received: 10,
        size: 50,
        speed: 999,
        eta: 1,
      }),
    ]);
    expect(downloadTotals(totals)).toEqual({ active: 3, speed: 400, secondsLeft: 1400 / 400 });
  });

  it('knows no time left while nothing moves or a size is unknown', () => {
    const still = contribution(download({ id: 1, status: 'downloading', size: 10 }), undefined);
    expect(downloadTotals(sumOf([still])).secondsLeft).toBeNull();
    const unknown = contribution(download({ id: 1, status: 'downloading', size: null }), {
      id: 1,
      received: 5,
      size: null,
      speed: 5,
      eta: null,
    });
    expect(downloadTotals(sumOf([unknown]))).toEqual({ active: 1, speed: 5, secondsLeft: null });
  });

  it('stay exact in the store across adds, status changes, progress batches and removals', () => {
    const store = createFerryStore({} as FerryClient);
    const statuses: DownloadStatus[] = ['queued', 'downloading', 'paused', 'downloading', 'done', 'failed', 'waiting'];
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    for (let step = 0; step < 2000; step += 1) {
      const id = 1 + random(40);
      const state = store.getState();
      const roll = random(10);
      if (roll < 3) {
        const size = random(4) === 0 ? null : 1000 + random(10_000);
        state.receiveDownloads([download({ id, status: statuses[random(statuses.length)], size })]);
      } else if (roll < 9) {
        const size = state.downloads[id]?.size ?? null;
        state.receiveProgress([{ id, received: random(size ?? 5000), size, speed: random(5000) + 0.4, eta: null }]);
      } else {
        state.forgetDownloads([id]);
      }
      const after = store.getState();
      expect(after.totals).toEqual(walkedTotals(after.downloads, after.progress));
    }
    expect(store.getState().totals.active).toBeGreaterThan(0);
  });

  it('samples the running speed on each batch without walking the list', () => {
    const store = createFerryStore({} as FerryClient);
    store.getState().receiveDownloads([download({ id: 1, status: 'downloading', size: 100 })]);
    store.getState().receiveProgress([{ id: 1, received: 10, size: 100, speed: 2048, eta: 1 }]);
    expect(store.getState().speedSamples.map((sample) => sample.speed)).toEqual([0, 2048]);
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

  it('draws a full minute left to right with the fastest speed at the top', () => {
    const samples = [
      { at: 30_000, speed: 0 },
      { at: 60_000, speed: 5000 },
      { at: 90_000, speed: 10_000 },
    ];
    expect(sparklinePoints(samples, 120, 20)).toEqual('0,20 60,10 120,0');
  });

  it('draws nothing until two samples at different moments can be joined', () => {
    expect(sparklinePoints([], 120, 20)).toBe('');
    expect(sparklinePoints([{ at: 5, speed: 4096 }], 120, 20)).toBe('');
    const sameMoment = [
      { at: 5, speed: 0 },
      { at: 5, speed: 4096 },
    ];
    expect(sparklinePoints(sameMoment, 120, 20)).toBe('');
  });

  it('spreads the first quarter minute over the width, and keeps a few bytes a second near the bottom', () => {
    const samples = [
      { at: 1000, speed: 0 },
      { at: 8500, speed: 512 },
      { at: 16_000, speed: 8 },
    ];
    expect(sparklinePoints(samples, 120, 20)).toBe('0,20 60,10 120,19.8');
  });

  it('draws a burst of a few seconds at the right edge, not as a spike across the width', () => {
    const samples = [
      { at: 0, speed: 0 },
      { at: 1500, speed: 4096 },
      { at: 3000, speed: 0 },
    ];
    expect(sparklinePoints(samples, 120, 20)).toBe('96,20 108,0 120,20');
  });

  it('lets the oldest samples of a longer span fall off the left edge', () => {
    const samples = [
      { at: 0, speed: 2048 },
      { at: 90_000, speed: 2048 },
    ];
    expect(sparklinePoints(samples, 120, 20)).toBe('0,0 120,0');
  });
});
