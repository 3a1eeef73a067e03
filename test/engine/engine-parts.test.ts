import { describe, expect, it } from 'vitest';
import { parseContentRange } from '../../electron/engine/response-metadata';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter } from '../../electron/engine/retry-policy';
import { MIN_SEGMENT_BYTES, SegmentPlan } from '../../electron/engine/segments';
import { SpeedMeter } from '../../electron/engine/speed-meter';

describe('backoffDelay', () => {
  it('doubles the window each attempt, with jitter in its upper half, up to the cap', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
    expect(backoffDelay(20, policy, () => 1)).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('parseContentRange', () => {
  it('reads byte ranges with a known size only', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, size: 1000 });
    expect(parseContentRange('bytes 0-99/*')).toBeUndefined();
    expect(parseContentRange('items 0-1/2')).toBeUndefined();
    expect(parseContentRange(undefined)).toBeUndefined();
  });
});

describe('SegmentPlan', () => {
  const size = 16 * MIN_SEGMENT_BYTES;

  it('splits evenly and hands free pieces out before stealing', () => {
    const plan = SegmentPlan.whole(size);
    const first = plan.claim(0);
    if (!first) throw new Error('no segment');
    plan.splitEvenly(first, 4);
    expect(plan.toRanges()).toEqual([0, 1, 2, 3].map((i) => ({ start: (i * size) / 4, end: ((i + 1) * size) / 4 })));
    expect(plan.claim(1)?.pos).toBe(size / 4);
  });

  it('steals the back half of the biggest piece left', () => {
    const plan = SegmentPlan.whole(size);
    const only = plan.claim(0);
    if (!only) throw new Error('no segment');
    only.pos = size / 2;
    const stolen = plan.claim(1);
    expect(stolen).toMatchObject({ pos: (size * 3) / 4, end: size, owner: 1 });
    expect(only.end).toBe((size * 3) / 4);
    expect(plan.remaining()).toBe(size / 2);
  });

  it('leaves bytes that have arrived but are not yet written to their connection', () => {
    const plan = SegmentPlan.whole(size);
    const only = plan.claim(0);
    if (!only) throw new Error('no segment');
    only.taken = size / 2;
    expect(plan.claim(1)?.pos).toBe((size * 3) / 4);
  });

  it('does not steal pieces too small to be worth a connection', () => {
    const plan = SegmentPlan.whole(size);
    const only = plan.claim(0);
    if (!only) throw new Error('no segment');
    only.pos = size - 2 * MIN_SEGMENT_BYTES + 1;
    expect(plan.claim(1)).toBeUndefined();
  });

  it('round-trips what is left through resume ranges, unknown sizes included', () => {
    const plan = SegmentPlan.fromRanges([
      { start: 10, end: 20 },
      { start: 50, end: null },
    ]);
    expect(plan.toRanges()).toEqual([
      { start: 10, end: 20 },
      { start: 50, end: null },
    ]);
    expect(plan.remaining()).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('SpeedMeter', () => {
  it('follows a steady rate and estimates the time left', () => {
    const meter = new SpeedMeter(0, 0);
    let speed = 0;
    for (let second = 1; second <= 10; second++) speed = meter.sample(second * 1000, second * 1000);
    expect(speed).toBeCloseTo(1000, 0);
    expect(meter.eta(10_000, 20_000)).toBeCloseTo(10, 0);
    expect(meter.eta(10_000, null)).toBeNull();
  });
});
