import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { countReceived } from '../../electron/providers/cid/young-garbage';

/** The young-generation collections V8 ran while `work` ran. */
async function youngCollectionsDuring(work: () => void): Promise<number> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  work();
  const end = performance.now();
  // GC entries are delivered after the fact.
  await sleep(50);
  observer.disconnect();
  return entries.filter(
    (entry) =>
      (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
        constants.NODE_PERFORMANCE_GC_MINOR &&
      entry.startTime >= start &&
      entry.startTime <= end,
  ).length;
}

describe('collecting the buffers network reads leave behind', () => {
  it('collects the young generation each time another 4 MiB have been received', async () => {
    expect(await youngCollectionsDuring(() => countReceived(4 * 1024 * 1024))).toBe(1);
    expect(await youngCollectionsDuring(() => countReceived(3 * 1024 * 1024))).toBe(0);
    expect(await youngCollectionsDuring(() => countReceived(1024 * 1024))).toBe(1);
  });
});
