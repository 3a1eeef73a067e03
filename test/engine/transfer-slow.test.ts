import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlowRule } from '../../electron/engine/slow-watch';
import { bytes, type Harness, rangeStart, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** The production rule on a 200 ms window, so three stalls take a second, not minutes. */
const quickRule: SlowRule = { minBytesPerSecond: 1024, windowMs: 200, stallsToFail: 3 };

describe('a server trickling its body', () => {
  it('fails as too slow after three slow windows in a row, keeping what arrived', async () => {
    h.server.route('/trickle.bin', { body: bytes(100_000), etag: '"t"', trickle: { bytes: 1, everyMs: 20 } });
    const started = performance.now();
    const outcome = await h.start({ spec: { url: h.server.url('/trickle.bin') }, slowRule: quickRule }).transfer.run();

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'too_slow', retryable: false } });
    const message = outcome.status === 'failed' ? outcome.error.message : '';
    expect(message).toMatch(/sent less than 1 KiB\/s for 200 ms, 3 times in a row, so Ferry stopped the download/);
    expect(message).toMatch(/retry later, or download the file from another source/);
    expect(h.server.requestsFor('/trickle.bin')).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(outcome.status === 'failed' && outcome.state?.fileName).toBe('trickle.bin');
    expect(await h.files()).toEqual(['trickle.bin.part']);
  }, 15_000);

  it('is not too slow when it sends enough, however it is cut up', async () => {
    const file = bytes(8_000);
    // 4 KiB/s in 200-byte drops: slower than the loopback, faster than the rule's 1 KiB/s.
    h.server.route('/drip.bin', { body: file, trickle: { bytes: 200, everyMs: 50 } });
    const outcome = await h.start({ spec: { url: h.server.url('/drip.bin') }, slowRule: quickRule }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done' });
    expect((await h.read('drip.bin')).equals(file)).toBe(true);
    expect(h.server.requestsFor('/drip.bin')).toHaveLength(1);
  }, 30_000);

  it('does not fail a fast download with one trickling connection: that connection is asked again', async () => {
    const file = bytes(4 * 1024 * 1024);
    const slowStart = 1024 * 1024;
    let trickled = false;
    h.server.route('/one-slow.bin', (request) => {
      if (rangeStart(request.headers.range) !== slowStart || trickled) return { body: file, etag: '"o"' };
      trickled = true;
      return { body: file, etag: '"o"', trickle: { bytes: 1, everyMs: 20 } };
    });
    const outcome = await h
      .start({ spec: { url: h.server.url('/one-slow.bin') }, connections: 4, slowRule: quickRule })
      .transfer.run();
    expect(outcome).toMatchObject({ status: 'done' });
    expect(trickled).toBe(true);
    expect((await h.read('one-slow.bin')).equals(file)).toBe(true);
  }, 15_000);
});

describe('a speed limit', () => {
  it('is never taken for a slow server: only time spent waiting on the server counts', async () => {
    const file = bytes(40_000);
    h.server.route('/limited.bin', { body: file });
    // A rule five times faster than the limit, failing at its first stall: time held back by the limit must not count.
    const strict: SlowRule = { minBytesPerSecond: 100_000, windowMs: 200, stallsToFail: 1 };
    const outcome = await h
      .start({ spec: { url: h.server.url('/limited.bin') }, speedLimit: 20_000, slowRule: strict })
      .transfer.run();
    expect(outcome).toMatchObject({ status: 'done' });
    expect((await h.read('limited.bin')).equals(file)).toBe(true);
  }, 15_000);
});

describe('a server giving a byte per connection', () => {
  it('runs out of retries instead of resetting them with every byte', async () => {
    h.server.route('/byte-each.bin', { body: bytes(100_000), etag: '"b"', dropAfter: 1 });
    const outcome = await h.start({ spec: { url: h.server.url('/byte-each.bin') } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'network' } });
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(/gave up after 5 attempts/);
    expect(h.server.requestsFor('/byte-each.bin').length).toBeLessThanOrEqual(6);
  });
});
