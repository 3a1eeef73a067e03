import { type EngineError, fromHttpStatus } from './engine-error';
import { type HttpResponse, header, host } from './http-request';
import { parseRetryAfter } from './retry-policy';

type Headers = HttpResponse['headers'];

/** What identifies one version of a file on the server. */
export interface Validator {
  etag?: string;
  lastModified?: string;
}

/** If-Range only works with a strong ETag; a weak one is dropped and Last-Modified stands in. */
export function readValidator(headers: Headers): Validator {
  const etag = header(headers, 'etag');
  return {
    etag: etag && !etag.startsWith('W/') ? etag : undefined,
    lastModified: header(headers, 'last-modified'),
  };
}

export function hasValidator(validator: Validator): boolean {
  return Boolean(validator.etag || validator.lastModified);
}

export function ifRangeHeader(validator: Validator): Record<string, string> {
  const value = validator.etag ?? validator.lastModified;
  return value ? { 'if-range': value } : {};
}

/**
 * True when a ranged answer comes from another version than the bytes we hold.
 * Servers and caches that ignore If-Range answer 206 anyway, so this is checked
 * on every answer, not left to the server.
 */
export function validatorChanged(stored: Validator, headers: Headers): boolean {
  const current = readValidator(headers);
  if (stored.etag && current.etag) return stored.etag !== current.etag;
  if (stored.lastModified && current.lastModified) return stored.lastModified !== current.lastModified;
  return false;
}

/** `bytes 0-99/1000` -> start 0, size 1000; `*` sizes are unknown, which ranged downloads cannot use. */
export function parseContentRange(value: string | undefined): { start: number; size: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), size: Number(match[3]) };
}

/**
 * What a 2xx answer to `Range: bytes=<start>-` offers: ranges (a 206 from
 * `start`) or the whole file (anything else). Undefined when a 206 does not
 * say it starts at `start`, or gives no size.
 */
export function offeredFile(
  response: HttpResponse,
  start: number,
): { ranged: boolean; size: number | null } | undefined {
  if (response.status !== 206) return { ranged: false, size: contentLength(response.headers) };
  const range = parseContentRange(header(response.headers, 'content-range'));
  return range?.start === start ? { ranged: true, size: range.size } : undefined;
}

function contentLength(headers: Headers): number | null {
  const value = header(headers, 'content-length');
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** A non-2xx answer as an error, with how long the server asked to wait before asking again. */
export function statusError(response: HttpResponse): EngineError {
  const retryAfter = parseRetryAfter(header(response.headers, 'retry-after'));
  return fromHttpStatus(response.status, host(response.target.url), retryAfter);
}
