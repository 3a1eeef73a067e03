import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { FerryError } from '../../shared/errors';
import type { ProviderId } from '../../shared/platforms';
import { redactText } from '../../shared/redact';
import { backoffDelay, parseRetryAfter, type RetryPolicy, waitInWords } from '../engine/retry-policy';
import { type AccountThrottle, accountThrottle } from './account-throttle';
import { readCapped } from './capped-body';

const TIMEOUT_MS = 30_000;
/** Enough for a page of any listing; an answer past it is not an API answer, or listings should page. */
export const API_ANSWER_LIMIT = 8 * 1024 * 1024;

/** A person may be waiting on these calls (`ferry accounts test`): a few quick tries, never minutes. */
export const apiRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 15_000,
};

/**
 * For calls made while a download resolves (a batch job's polls, a signed link):
 * nobody waits at a prompt, and the download shows what it waits for, so a
 * platform that asks for minutes gets them rather than failing the download.
 */
export const downloadApiRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

export interface ApiCall {
  method?: 'GET' | 'POST';
  body?: string;
  /** A body without a content-type header is sent as a form. */
  headers?: Record<string, string>;
  /** Who answers, for messages ("echo3D"); the host when unset. */
  platform?: string;
  /** Set on the errors a platform's answer causes. */
  provider?: ProviderId;
  /** The account the call is made for (`accountKey`): a 429 holds all its calls, and every call waits out a hold. */
  accountKey?: string;
  /**
   * True when sending the request twice does no harm; GET is, POST is not unless
   * said so. A call that is not is sent again only when it never reached the
   * server, or the server said it did not act on it (429, 503).
   */
  idempotent?: boolean;
  maxBytes?: number;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  throttle?: AccountThrottle;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * A small API call for providers (tests, listings, sign-ins): the answer's status,
 * headers and text, capped in size. Network errors, 5xx and 429 are tried again a
 * few times with backoff, honouring Retry-After; when the tries run out it throws
 * an error that says what happened and what to do. Other statuses are the caller's.
 */
export async function callApi(url: string, call: ApiCall = {}): Promise<ApiAnswer> {
  const policy = call.retry ?? apiRetryPolicy;
  const idempotent = call.idempotent ?? (call.method ?? 'GET') === 'GET';
  for (let attempt = 1; ; attempt += 1) {
    await waitForAccount(url, call, policy);
    let answer: ApiAnswer;
    try {
      answer = await sendOnce(url, call);
    } catch (error) {
      if (error instanceof FerryError || call.signal?.aborted) throw error;
      if (attempt >= policy.maxAttempts || !(idempotent || neverReachedServer(error))) {
        throw unreachable(url, call, error, attempt, idempotent);
      }
      await sleep(backoffDelay(attempt, policy), undefined, { signal: call.signal });
      continue;
    }
    if (answer.status !== 429 && answer.status < 500) return answer;
    const delay = parseRetryAfter(answer.headers['retry-after']) ?? backoffDelay(attempt, policy);
    if (answer.status === 429 && call.accountKey)
      (call.throttle ?? accountThrottle).holdUntil(call.accountKey, Date.now() + delay);
    // 429 and 503 say the request was not acted on, so even a POST may go again.
    const mayRepeat = idempotent || answer.status === 429 || answer.status === 503;
    const tooLong = delay > policy.maxRetryAfterMs;
    if (!mayRepeat || attempt >= policy.maxAttempts || tooLong) {
      throw gaveUp(url, call, answer, { attempt, delay, repeated: mayRepeat, tooLong });
    }
    await sleep(delay, undefined, { signal: call.signal });
  }
}

/** The start of an answer, fit to quote in a message: credentials out first, so a cut never leaves half of one. */
export function excerpt(text: string, length = 300): string {
  const safe = redactText(text).replace(/\s+/g, ' ').trim();
  return safe.length > length ? `${safe.slice(0, length)}…` : safe;
}

async function waitForAccount(url: string, call: ApiCall, policy: RetryPolicy): Promise<void> {
  if (!call.accountKey) return;
  const throttle = call.throttle ?? accountThrottle;
  const until = throttle.heldUntil(call.accountKey);
  if (until !== null && until - Date.now() > policy.maxRetryAfterMs) {
    throw new FerryError(
      'provider',
      `${platformOf(url, call)} asked Ferry to slow down for this account (HTTP 429), so Ferry holds its calls until ${new Date(until).toLocaleTimeString()}. Try again after that.`,
      { provider: call.provider },
    );
  }
  await throttle.wait(call.accountKey, call.signal);
}

async function sendOnce(url: string, call: ApiCall): Promise<ApiAnswer> {
  const response = await request(url, {
    method: call.method ?? 'GET',
    body: call.body,
    headers: requestHeaders(call),
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
    signal: call.signal,
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const limit = call.maxBytes ?? API_ANSWER_LIMIT;
  if (Number(headers['content-length']) > limit) {
    response.body.destroy();
    throw tooLarge(url, call, limit);
  }
  const body = await readCapped(response.body, limit, () => tooLarge(url, call, limit));
  return { status: response.statusCode, headers, text: body.toString('utf8') };
}

function requestHeaders(call: ApiCall): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers ?? {})) headers[name.toLowerCase()] = value;
  if (call.body !== undefined && !headers['content-type']) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return headers;
}

/** Errors raised before a byte of the request left: the server cannot have acted on it. */
function neverReachedServer(error: unknown): boolean {
  const codes = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'];
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return codes.includes(String(code)) || codes.includes(String(cause?.code));
}

function unreachable(url: string, call: ApiCall, error: unknown, attempt: number, idempotent: boolean): FerryError {
  const reason = redactText(error instanceof Error ? error.message : String(error));
  const host = new URL(url).host;
  if (!idempotent && !neverReachedServer(error)) {
    const platform = platformOf(url, call);
    return new FerryError(
      'network',
      `The connection to ${host} broke after Ferry sent its request (${reason}). Ferry did not send it again, because ${platform} may have acted on it already: check ${platform} before trying again.`,
      { cause: error, provider: call.provider },
    );
  }
  return new FerryError(
    'network',
    `Ferry could not reach ${host} (${reason})${tries(attempt)}. Check the network and the account's base URL, then try again.`,
    { cause: error, provider: call.provider },
  );
}

function gaveUp(
  url: string,
  call: ApiCall,
  answer: ApiAnswer,
  { attempt, delay, repeated, tooLong }: { attempt: number; delay: number; repeated: boolean; tooLong: boolean },
): FerryError {
  const platform = platformOf(url, call);
  const said = answer.text.trim() ? `: "${excerpt(answer.text)}"` : '';
  const status = `HTTP ${answer.status}`;
  let message: string;
  if (answer.status === 429) {
    const held = call.accountKey ? ", so Ferry holds this account's calls and downloads meanwhile" : '';
    message = `${platform} is limiting how often this account may call it (${status}${tries(attempt)}) and asks Ferry to come back ${whenInWords(delay)}${held}. Try again after that.`;
  } else if (!repeated) {
    message = `${platform} answered ${status}${said}. Ferry did not send the request again, because ${platform} may have acted on it already: check ${platform} before trying again.`;
  } else if (tooLong) {
    message = `${platform} is unavailable (${status}${said}) and asks Ferry to come back ${whenInWords(delay)}. Try again after that.`;
  } else {
    message = `${platform} answered ${status}${tries(attempt)}${said}. It seems to be having trouble: try again in a few minutes.`;
  }
  return new FerryError('provider', message, { provider: call.provider });
}

function tooLarge(url: string, call: ApiCall, limit: number): FerryError {
  const platform = platformOf(url, call);
  return new FerryError(
    'provider',
    `${platform} sent an answer larger than ${mebibytes(limit)}, more than Ferry accepts for an API call, so Ferry stopped reading it. The account's base URL may point somewhere other than ${platform}'s API: check it in Accounts (or with ferry accounts ls), then try again.`,
    { provider: call.provider },
  );
}

function platformOf(url: string, call: ApiCall): string {
  return call.platform ?? new URL(url).host;
}

function tries(attempt: number): string {
  return attempt > 1 ? ` on ${attempt} tries` : '';
}

/** When a wait ends, as a person reads it: the time of day for a wait of hours, its length for a longer one. */
function whenInWords(ms: number): string {
  if (ms >= 12 * 3_600_000) return `in ${waitInWords(ms)}`;
  return `at ${new Date(Date.now() + ms).toLocaleTimeString()} (in ${waitInWords(ms)})`;
}

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${bytes} bytes`;
}
