import { CONNECTION_RESET } from './reset-aware-connector';

export type EngineErrorCode =
  | 'network'
  | 'timeout'
  | 'too_slow'
  | 'http_4xx'
  | 'http_5xx'
  | 'redirect'
  | 'bad_response'
  | 'untrusted_certificate'
  | 'disk_full'
  | 'disk'
  | 'verification'
  | 'canceled';

interface EngineErrorOptions {
  retryable?: boolean;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/** A failed transfer as a value: a code for programs, a message for people, and whether trying again can help. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(code: EngineErrorCode, message: string, options: EngineErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Failures before any byte of the request left: the server was never reached. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const brokenConnectionCodes = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/**
 * Turns whatever a socket or undici threw into an EngineError; unknown
 * failures are retried as network trouble. Retryable errors say only what
 * happened: whether Ferry tries again is for the retry loop to say.
 */
export function fromNetworkError(error: unknown, host: string): EngineError {
  if (error instanceof EngineError) return error;
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const options = { retryable: true, cause: error };
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new EngineError('timeout', `${host} did not start sending the file in time.`, options);
  }
  if (unreachableCodes.has(code)) return new EngineError('network', `${host} could not be reached (${code}).`, options);
  const refused = protocolRefusal(code, host, error);
  if (refused) return refused;
  if (code === CONNECTION_RESET) {
    return new EngineError('network', `The connection to ${host} was reset (ECONNRESET).`, options);
  }
  const known = brokenConnectionCodes.has(code) ? ` (${code})` : '';
  return new EngineError('network', `The connection to ${host} failed${known}.`, options);
}

/**
 * Answers no retry can mend: a certificate this computer does not trust, or an answer that breaks HTTP (a header
 * too large, thousands of headers, a NUL, a negative or doubled Content-Length). They fail at once, in their words.
 */
function protocolRefusal(code: string, host: string, cause: unknown): EngineError | null {
  if (code.startsWith('HPE_') || code === 'UND_ERR_HEADERS_OVERFLOW' || isParserError(cause)) {
    return brokenHttp(host, code || parserReason(cause), cause);
  }
  if (untrustedCertificateCodes.has(code)) {
    return new EngineError(
      'untrusted_certificate',
      `${host}'s certificate is not one this computer trusts (${code}), so Ferry did not connect: the connection may be intercepted. Check the address; download from it only if you know why its certificate is not trusted.`,
      { cause },
    );
  }
  return null;
}

/**
 * undici reports headers that broke llhttp after a Content-Length (most often a second one that disagrees) as a
 * body of the wrong length, before any answer was handed over: a failed request with that code never saw a body, so
 * it is refused as broken HTTP rather than retried as a body cut off.
 */
export function headersBrokeAfterContentLength(error: unknown, host: string): EngineError | null {
  if ((error as { code?: string } | undefined)?.code !== 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return null;
  return brokenHttp(host, 'a header after Content-Length that does not parse, such as a second Content-Length', error);
}

/** An answer that breaks HTTP, named by `reason`. */
function brokenHttp(host: string, reason: string, cause?: unknown): EngineError {
  return new EngineError(
    'bad_response',
    `${host} sent an answer that breaks the rules of HTTP (${reason}), so Ferry did not read it. The server, or something between you and it, is broken: try another link, or tell the site's owner.`,
    { cause },
  );
}

/** undici's parser errors carry no code in every version; their name and message say what broke. */
function isParserError(error: unknown): boolean {
  return error instanceof Error && error.name === 'HTTPParserError';
}

function parserReason(error: unknown): string {
  const detail = error instanceof Error ? /\(([^)]+)\)\s*$/.exec(error.message)?.[1] : undefined;
  return detail ?? 'a malformed answer';
}

const untrustedCertificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A failure nobody foresaw that ends a transfer: nothing retries it, so it says what to try. */
export function unexpectedFailure(error: unknown, host: string): EngineError {
  const reason = error instanceof Error ? error.message : String(error);
  return new EngineError(
    'network',
    `The download from ${host} stopped unexpectedly (${reason}). Retry it; if it stops again, check your network and the download folder.`,
    { cause: error },
  );
}

/** Which HTTP statuses are worth retrying: the server may answer differently in a moment. */
const transientStatuses = new Set([408, 425, 429, 500, 502, 503, 504]);

export function fromHttpStatus(status: number, host: string, retryAfterMs?: number): EngineError {
  const retryable = transientStatuses.has(status);
  const code = status >= 500 ? 'http_5xx' : 'http_4xx';
  return new EngineError(code, httpMessage(status, host), { retryable, status, retryAfterMs });
}

function httpMessage(status: number, host: string): string {
  if (transientStatuses.has(status)) return transientMessage(status, host);
  switch (status) {
    case 401:
      return `${host} asked for credentials (HTTP 401). Check the account for this download and try again.`;
    case 403:
      return `${host} refused access (HTTP 403). The link may have expired or need an account: get a fresh link or check the account.`;
    case 404:
    case 410:
      return `${host} has no such file (HTTP ${status}). Check the link; the file may have been moved or deleted.`;
    default:
      if (status >= 500) return `${host} had a server error (HTTP ${status}). Try again later.`;
      return `${host} refused the request (HTTP ${status}). Check the link and try again.`;
  }
}

/** Only what happened: the retry loop is what knows whether Ferry asks again. */
function transientMessage(status: number, host: string): string {
  if (status === 429) return `${host} is limiting requests (HTTP 429).`;
  if (status >= 500) return `${host} had a server error (HTTP ${status}).`;
  return `${host} was not ready to answer (HTTP ${status}).`;
}

export function canceled(): EngineError {
  return new EngineError('canceled', 'The download was stopped.');
}
