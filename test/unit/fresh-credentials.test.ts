import { describe, expect, it } from 'vitest';
import { FreshCredentials } from '../../electron/downloads/fresh-credentials';
import { EngineError } from '../../electron/engine/engine-error';
import type { TransferOutcome } from '../../electron/engine/transfer-types';

type Failed = Extract<TransferOutcome, { status: 'failed' }>;

/** A refusal with `received` of 1,000 bytes on disk. */
function refused(status: number, received = 0): Failed {
  const error = new EngineError('http_4xx', `refused (HTTP ${status})`, { retryable: false, status });
  const ranges = received < 1000 ? [{ start: received, end: 1000 }] : [];
  return { status: 'failed', error, state: { fileName: 'f.bin', size: 1000, ranges } };
}

function clockAt(start = 0): { now: () => number; pass(ms: number): void } {
  let time = start;
  return { now: () => time, pass: (ms) => (time += ms) };
}

describe('FreshCredentials', () => {
  it('gives a fresh one for 401, 403 and 410 only', () => {
    const fresh = new FreshCredentials();
    expect([401, 403, 410, 404, 400].map((status, id) => fresh.shouldRefresh(id, refused(status)))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('gives one each time the download moved on, however many', () => {
    const fresh = new FreshCredentials(clockAt().now);
    expect([100, 200, 300, 400].map((received) => fresh.shouldRefresh(1, refused(403, received)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('refuses another at once when the fresh one is refused at once with no byte between', () => {
    const clock = clockAt();
    const fresh = new FreshCredentials(clock.now);
    expect(fresh.shouldRefresh(1, refused(401))).toBe(true);
    clock.pass(200);
    expect(fresh.shouldRefresh(1, refused(401))).toBe(false);
  });

  it('gives another when the fresh one lived a while before its refusal, as a token revoked during a 429 wait', () => {
    const clock = clockAt();
    const fresh = new FreshCredentials(clock.now);
    expect(fresh.shouldRefresh(1, refused(401))).toBe(true);
    clock.pass(2_500);
    expect(fresh.shouldRefresh(1, refused(401))).toBe(true);
  });

  it('stops after three in a row without a byte, however long each lived, and starts counting afresh once bytes come', () => {
    const clock = clockAt();
    const fresh = new FreshCredentials(clock.now);
    const answers = [0, 0, 0, 0].map(() => {
      clock.pass(5_000);
      return fresh.shouldRefresh(1, refused(403));
    });
    expect(answers).toEqual([true, true, true, false]);
    expect(fresh.shouldRefresh(1, refused(403, 500))).toBe(true);
    clock.pass(5_000);
    expect(fresh.shouldRefresh(1, refused(403, 500))).toBe(true);
  });

  it('starts afresh for a download it was told to forget', () => {
    const clock = clockAt();
    const fresh = new FreshCredentials(clock.now);
    expect(fresh.shouldRefresh(1, refused(401))).toBe(true);
    fresh.forget(1);
    expect(fresh.shouldRefresh(1, refused(401))).toBe(true);
    expect(fresh.shouldRefresh(2, refused(401))).toBe(true);
  });
});
