import { describe, expect, it } from 'vitest';
import { AccountThrottle, accountKey } from '../../electron/providers/account-throttle';

describe('the account throttle', () => {
  it('keeps the latest hold of an account, forgets it once passed, and caps it at an hour', () => {
    let now = 1_000_000;
    const throttle = new AccountThrottle(() => now);
    const studio = accountKey('scenario', { label: 'Studio', baseUrl: null });
    expect(throttle.heldUntil(studio)).toBeNull();
    throttle.holdUntil(studio, now + 5_000);
    throttle.holdUntil(studio, now + 1_000);
    expect(throttle.heldUntil(studio)).toBe(now + 5_000);
    expect(
      throttle.heldUntil(accountKey('scenario', { label: 'Studio', baseUrl: 'https://staging.example' })),
    ).toBeNull();
    now += 5_000;
    expect(throttle.heldUntil(studio)).toBeNull();
    throttle.holdUntil(studio, now + 24 * 3_600_000);
    expect(throttle.heldUntil(studio)).toBe(now + 3_600_000);
  });

  it('lets a call through at once, waits out a hold, and stops waiting when aborted', async () => {
    const throttle = new AccountThrottle();
    const started = performance.now();
    await throttle.wait('k');
    expect(performance.now() - started).toBeLessThan(50);
    throttle.holdUntil('k', Date.now() + 300);
    await throttle.wait('k');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    throttle.holdUntil('k', Date.now() + 60_000);
    const controller = new AbortController();
    const waiting = throttle.wait('k', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});
