import { setTimeout as sleep } from 'node:timers/promises';
import { canceled, EngineError } from './engine-error';
import { backoffDelay, type RetryPolicy } from './retry-policy';

export interface RetryOptions {
  policy: RetryPolicy;
  /** Ends the waiting and the retrying at once, with the engine's "stopped" error. */
  signal: AbortSignal;
  /** How far the work has got; a failed attempt that moved it on starts the count of failures afresh. */
  progress: () => number;
  /** What a failure means: only retryable errors are retried, any other is thrown as returned. */
  classify: (error: unknown) => EngineError;
}

/**
 * Runs `attempt` until it succeeds, backing off between retryable failures.
 * Attempts that made progress reset the count, so a flaky but moving link
 * never gives up.
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
      failures = progress() > before ? 1 : failures + 1;
      if (failures >= policy.maxAttempts) throw error;
      // Aborting clears the timer; the rejection becomes the engine's own "stopped" error.
      await sleep(retryDelay(failures, error, policy), undefined, { signal }).catch(() => {
        throw canceled();
      });
    }
  }
}

function retryDelay(failures: number, error: EngineError, policy: RetryPolicy): number {
  const backoff = backoffDelay(failures, policy);
  if (error.retryAfterMs === undefined) return backoff;
  if (error.retryAfterMs > policy.maxRetryAfterMs) {
    const minutes = Math.ceil(error.retryAfterMs / 60_000);
    throw new EngineError(
      error.code,
      `${error.message} The server asked to wait ${minutes} minutes; try again later.`,
      { status: error.status },
    );
  }
  return Math.max(backoff, error.retryAfterMs);
}
