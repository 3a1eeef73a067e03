import { canceled, EngineError, type EngineErrorCode } from './engine-error';
import type { NetworkStatus } from './network-status';
import { backoffDelay, DEFAULT_MIN_PROGRESS_BYTES, type RetryPolicy, waitInWords } from './retry-policy';
import { wait } from './wait';

export interface RetryOptions {
  policy: RetryPolicy;
  /** Ends the waiting and the retrying at once, with the engine's "stopped" error. */
  signal: AbortSignal;
  /** How far the work has got, in bytes; a failed attempt that moved it on enough starts the count afresh. */
  progress: () => number;
  /** What a failure means: only retryable errors are retried, any other is thrown as returned. */
  classify: (error: unknown) => EngineError;
  /** Hears each failure that will be tried again, and how long the wait before it is (a 429's Retry-After). */
  onRetry?(error: EngineError, delayMs: number): void;
  /** Whether the computer has a network: a failure while it has none is no attempt, the work waits for it instead. */
  network?: NetworkStatus;
  /** Hears the work start and stop waiting for the network. */
  onOffline?(offline: boolean): void;
}

/**
 * Runs `attempt` until it succeeds, backing off between retryable failures.
 * Attempts that moved the work on by at least `minProgressBytes` reset the
 * count, so a flaky but moving link never gives up, and a trickle does. Once
 * it gives up nothing will retry the error, so the error thrown says so and
 * what the person can do.
 */
export async function retrying<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, signal, progress } = options;
  let failures = 0;
  for (;;) {
    const before = progress();
    try {
      return await attempt();
    } catch (raw) {
      if (signal.aborted) throw canceled();
      const error = options.classify(raw);
      if (!error.retryable) throw error;
      if (await waitedForNetwork(error, options)) continue;
      const gained = progress() - before;
      failures = gained >= (policy.minProgressBytes ?? DEFAULT_MIN_PROGRESS_BYTES) ? 1 : failures + 1;
      if (failures >= policy.maxAttempts) throw gaveUp(error, failures);
      const delay = retryDelay(failures, error, policy);
      options.onRetry?.(error, delay);
      await wait(delay, signal);
    }
  }
}

/** True when the failure came from having no network: the work waited until it came back, and is tried again. */
async function waitedForNetwork(error: EngineError, options: RetryOptions): Promise<boolean> {
  const { network, signal } = options;
  if (!network || network.isOnline() || (error.code !== 'network' && error.code !== 'timeout')) return false;
  options.onOffline?.(true);
  await network.whenOnline(signal);
  options.onOffline?.(false);
  return true;
}

function retryDelay(failures: number, error: EngineError, policy: RetryPolicy): number {
  const backoff = backoffDelay(failures, policy);
  if (error.retryAfterMs === undefined) return backoff;
  if (error.retryAfterMs > policy.maxRetryAfterMs) {
    throw new EngineError(
      error.code,
      `${error.message} It asked Ferry to wait ${waitInWords(error.retryAfterMs)}, longer than the ${waitInWords(policy.maxRetryAfterMs)} Ferry waits on its own: retry the download later.`,
      { status: error.status, cause: error },
    );
  }
  return Math.max(backoff, error.retryAfterMs);
}

function gaveUp(error: EngineError, attempts: number): EngineError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return new EngineError(error.code, `${error.message} Ferry gave up after ${tries}: ${adviceFor(error.code)}`, {
    status: error.status,
    cause: error,
  });
}

function adviceFor(code: EngineErrorCode): string {
  if (code === 'network') return 'check the link and your network, then retry.';
  if (code === 'timeout') return 'check your network, then retry later.';
  return 'the server may be busy or down, so retry later.';
}
