import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { every } from '../../electron/engine/ticker';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the transfers’ shared ticker', () => {
  it('runs every task at its own period from one timer, and leaves none when all have stopped', () => {
    const counts = { fast: 0, slow: 0 };
    const stopSlow = every(1000, () => counts.slow++);
    const stopFast = every(250, () => counts.fast++);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(counts).toEqual({ fast: 40, slow: 10 });
    stopFast();
    vi.advanceTimersByTime(2_000);
    expect(counts).toEqual({ fast: 40, slow: 12 });
    stopSlow();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not run a task stopped by another task in the same tick', () => {
    let ran = 0;
    let stopSecond: () => void = () => undefined;
    const stopFirst = every(100, () => stopSecond());
    stopSecond = every(100, () => ran++);
    vi.advanceTimersByTime(100);
    expect(ran).toBe(0);
    stopFirst();
    expect(vi.getTimerCount()).toBe(0);
  });
});
