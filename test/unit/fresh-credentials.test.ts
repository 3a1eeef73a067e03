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
    const fresh = new FreshCredentials();
    const answers = [100, 200, 300, 400, 500].map((received) => fresh.shouldRefresh(1, refused(403, received)));
    expect(answers).toEqual([true, true, true, true, true]);
  });

  it('gives three in a row without a byte, as a token revoked just after it was issued needs, then no more', () => {
    const fresh = new FreshCredentials();
    const answers = [0, 0, 0, 0].map(() => fresh.shouldRefresh(1, refused(401)));
    expect(answers).toEqual([true, true, true, false]);
  });

  it('starts counting afresh once bytes arrive', () => {
    const fresh = new FreshCredentials();
    for (const _ of [1, 2, 3]) fresh.shouldRefresh(1, refused(403, 100));
    expect(fresh.shouldRefresh(1, refused(403, 100))).toBe(false);
    expect(fresh.shouldRefresh(1, refused(403, 600))).toBe(true);
    expect(fresh.shouldRefresh(1, refused(403, 600))).toBe(true);
  });

  it('starts afresh for a download it was told to forget, and counts each download apart', () => {
    const fresh = new FreshCredentials();
    for (const _ of [1, 2, 3]) fresh.shouldRefresh(1, refused(401));
    fresh.forget(1);
    expect(fresh.shouldRefresh(1, refused(401))).toBe(true);
    expect(fresh.shouldRefresh(2, refused(401))).toBe(true);
  });
});
