import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineError } from '../../electron/engine/engine-error';
import { defaultSlowRule, SlowWatch } from '../../electron/engine/slow-watch';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** One wait for a chunk that takes `ms`, then brings `bytes`; the stall that ended it instead, if one did. */
function waitFor(watch: SlowWatch, ms: number, bytes: number): EngineError | undefined {
  let stalled: EngineError | undefined;
  const arrived = watch.waiting((error) => {
    stalled = error;
  }, 'slow.example');
  vi.advanceTimersByTime(ms);
  if (!stalled) arrived(bytes);
  return stalled;
}

describe('the slow rule', () => {
  it('keeps the defaults the issue asks for: under 1 KiB/s for 30 s, three times in a row', () => {
    expect(defaultSlowRule).toEqual({ minBytesPerSecond: 1024, windowMs: 30_000, stallsToFail: 3 });
  });

  it('fails a server sending a byte every 5 s within 3 minutes, counting a second per reconnect', () => {
    const watch = new SlowWatch(defaultSlowRule);
    const stalls: EngineError[] = [];
    let elapsed = 0;
    while (stalls.at(-1)?.code !== 'too_slow' && elapsed < 10 * 60_000) {
      const stalled = waitFor(watch, 5_000, 1);
      elapsed += 5_000;
      if (!stalled) continue;
      stalls.push(stalled);
      elapsed += 1_000;
    }
    expect(stalls.map((stall) => [stall.code, stall.retryable])).toEqual([
      ['timeout', true],
      ['timeout', true],
      ['too_slow', false],
    ]);
    expect(stalls[0]?.message).toBe('slow.example sent less than 1 KiB/s for 30 s.');
    expect(elapsed).toBeLessThan(3 * 60_000);
  });

  it('counts only stalls in a row: a window at a good speed between them starts the count afresh', () => {
    const watch = new SlowWatch({ minBytesPerSecond: 1000, windowMs: 1_000, stallsToFail: 2 });
    expect(waitFor(watch, 2_000, 0)?.code).toBe('timeout');
    for (let i = 0; i < 20; i++) expect(waitFor(watch, 100, 200)).toBeUndefined();
    expect(waitFor(watch, 2_000, 0)?.code).toBe('timeout');
    expect(waitFor(watch, 2_000, 0)?.code).toBe('too_slow');
  });

  it('does not count time nobody waits for the server: a speed limit or a backoff is not the server being slow', () => {
    const watch = new SlowWatch({ minBytesPerSecond: 1000, windowMs: 1_000, stallsToFail: 1 });
    // 1,333 B/s while waiting, far less counting the pauses between the waits.
    for (let i = 0; i < 10; i++) {
      expect(waitFor(watch, 300, 400)).toBeUndefined();
      vi.advanceTimersByTime(2_000);
    }
  });
});
