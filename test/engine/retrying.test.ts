import { describe, expect, it, vi } from 'vitest';
import { EngineError, fromNetworkError } from '../../electron/engine/engine-error';
import { defaultRetryPolicy, type RetryPolicy, waitInWords } from '../../electron/engine/retry-policy';
import { type RetryOptions, retrying } from '../../electron/engine/retrying';

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1_000 };
const classify = (error: unknown) => fromNetworkError(error, 'files.example');

function options(overrides: Partial<RetryOptions> = {}): RetryOptions {
  return { policy, signal: new AbortController().signal, progress: () => 0, classify, ...overrides };
}

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
}

function busy(retryAfterMs?: number): EngineError {
  return new EngineError('http_5xx', 'files.example had a server error (HTTP 503).', {
    retryable: true,
    status: 503,
    retryAfterMs,
  });
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

describe('retrying', () => {
  it('returns what the first successful attempt returns', async () => {
    let attempts = 0;
    const result = await retrying(async () => {
      attempts += 1;
      if (attempts < 3) throw refused();
      return 'done';
    }, options());
    expect(result).toBe('done');
    expect(attempts).toBe(3);
  });

  it('gives up after maxAttempts failures in a row, with final wording that says what to do', async () => {
    let attempts = 0;
    const failure = await retrying(async () => {
      attempts += 1;
      throw refused();
    }, options()).catch((error: unknown) => error);
    expect(attempts).toBe(3);
    expect(failure).toBeInstanceOf(EngineError);
    expect(failure).toMatchObject({ code: 'network', retryable: false });
    const message = (failure as EngineError).message;
    expect(message).toMatch(/files\.example could not be reached \(ECONNREFUSED\)/);
    expect(message).toMatch(/gave up after 3 attempts: check the link and your network, then retry\./);
    expect(message).not.toMatch(/will (try again|resume|wait)/i);
  });

  it('starts the count afresh after an attempt that made progress', async () => {
    let position = 0;
    let attempts = 0;
    const result = await retrying(
      async () => {
        attempts += 1;
        if (attempts === 10) return position;
        position += 64 * 1024;
        throw refused();
      },
      options({ progress: () => position }),
    );
    // Nine failures, three times maxAttempts, yet every one moved the work on by 64 KiB.
    expect(result).toBe(9 * 64 * 1024);
  });

  it('counts an attempt that gained less than 64 KiB as one more failure in a row', async () => {
    let position = 0;
    let attempts = 0;
    const failure = await retrying(
      async () => {
        attempts += 1;
        position += 64 * 1024 - 1;
        throw refused();
      },
      options({ progress: () => position }),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'network', message: expect.stringMatching(/gave up after 3 attempts/) });
    expect(attempts).toBe(3);
  });

  it('takes the progress that counts from the policy', async () => {
    let position = 0;
    let attempts = 0;
    const result = await retrying(
      async () => {
        attempts += 1;
        if (attempts === 6) return attempts;
        position += 10;
        throw refused();
      },
      options({ policy: { ...policy, minProgressBytes: 10 }, progress: () => position }),
    );
    expect(result).toBe(6);
  });

  it('throws a non-retryable error at once, as it is', async () => {
    const notFound = new EngineError('http_4xx', 'files.example has no such file (HTTP 404).', { status: 404 });
    let attempts = 0;
    const failure = await retrying(async () => {
      attempts += 1;
      throw notFound;
    }, options()).catch((error: unknown) => error);
    expect(failure).toBe(notFound);
    expect(attempts).toBe(1);
  });

  it('waits as long as Retry-After asks when that is longer than the backoff', async () => {
    const times: number[] = [];
    await retrying(async () => {
      times.push(performance.now());
      if (times.length === 1) throw busy(200);
    }, options());
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(195);
  });

  it('refuses a Retry-After longer than the policy allows, at once and with final wording', async () => {
    let attempts = 0;
    const started = performance.now();
    const failure = await retrying(async () => {
      attempts += 1;
      throw busy(3 * 60 * 60_000);
    }, options()).catch((error: unknown) => error);
    expect(attempts).toBe(1);
    expect(performance.now() - started).toBeLessThan(500);
    expect(failure).toMatchObject({ code: 'http_5xx', status: 503, retryable: false });
    const message = (failure as EngineError).message;
    expect(message).toMatch(
      /asked Ferry to wait 3 hours, longer than the 1 minute Ferry waits.*retry the download later\./,
    );
    expect(message).not.toMatch(/will (try again|resume|wait)/i);
  });

  it("says a server's wait in words, and waits 5 minutes at most by default", () => {
    expect([1, 45, 180, 2_880, 99_999_999 / 60].map((minutes) => waitInWords(minutes * 60_000))).toEqual([
      '1 minute',
      '45 minutes',
      '3 hours',
      '2 days',
      '1,157 days',
    ]);
    expect(defaultRetryPolicy.maxRetryAfterMs).toBe(5 * 60_000);
  });

  it('stops at once on abort while waiting, with the engine error for a stop, and leaves no timer behind', async () => {
    const controller = new AbortController();
    const timersBefore = activeTimers();
    let attempts = 0;
    const running = retrying(
      async () => {
        attempts += 1;
        throw busy(500);
      },
      options({ signal: controller.signal }),
    ).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = performance.now();
    controller.abort();
    const failure = await running;
    // Well under the 450 ms left of the wait, with room for a loaded machine.
    expect(performance.now() - abortedAt).toBeLessThan(300);
    expect(failure).toMatchObject({ code: 'canceled' });
    expect(attempts).toBe(1);
    // The count is process-wide, so a timer of the test runner may come and go meanwhile; a leaked wait would stay
    // until it fires, over 250 ms later.
    await vi.waitFor(() => expect(activeTimers()).toBeLessThanOrEqual(timersBefore), { timeout: 150, interval: 10 });
  });

  it('does not retry an attempt that failed because of the abort', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const failure = await retrying(
      async () => {
        attempts += 1;
        controller.abort();
        throw refused();
      },
      options({ signal: controller.signal }),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'canceled' });
    expect(attempts).toBe(1);
  });

  it('does not count failures while the computer is offline, and waits for the network instead', async () => {
    let online = false;
    let attempts = 0;
    const heard: boolean[] = [];
    const network = {
      isOnline: () => online,
      whenOnline: async () => {
        online = true;
      },
    };
    const result = await retrying(
      async () => {
        attempts += 1;
        if (attempts < 6) {
          online = false;
          throw refused();
        }
        return 'done';
      },
      options({ network, onOffline: (offline) => heard.push(offline) }),
    );
    expect(result).toBe('done');
    expect(attempts).toBe(6);
    expect(heard).toEqual([true, false, true, false, true, false, true, false, true, false]);
  });

  it('counts a server error as an attempt even while offline: only network trouble waits', async () => {
    const network = { isOnline: () => false, whenOnline: async () => undefined };
    let attempts = 0;
    const failure = await retrying(async () => {
      attempts += 1;
      throw busy();
    }, options({ network })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'http_5xx' });
    expect(attempts).toBe(policy.maxAttempts);
  });
});
