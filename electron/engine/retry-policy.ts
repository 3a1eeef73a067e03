export interface RetryPolicy {
  /** Attempts in a row without progress before a transfer fails. */
  maxAttempts: number;
  /**
   * Progress that starts the count afresh; an attempt that gained less is one more failure in a row, so a server
   * giving a byte per connection cannot retry forever. 64 KiB when unset.
   */
  minProgressBytes?: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this fails the transfer at once instead of holding it for hours (or years). */
  maxRetryAfterMs: number;
}

export const DEFAULT_MIN_PROGRESS_BYTES = 64 * 1024;

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  minProgressBytes: DEFAULT_MIN_PROGRESS_BYTES,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

/**
 * Exponential backoff with "equal jitter": half the window fixed, half random,
 * so many clients that failed together do not come back together.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return window / 2 + random() * (window / 2);
}

/** Retry-After is either whole seconds or an HTTP date; returns milliseconds to wait, or undefined. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** A server's requested wait in words: minutes, hours or days, whichever reads best. */
export function waitInWords(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24).toLocaleString('en')} days`;
}
