export type EngineErrorCode =
  | 'network'
  | 'timeout'
  | 'http_4xx'
  | 'http_5xx'
  | 'redirect'
  | 'bad_response'
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

const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Turns whatever a socket or undici threw into an EngineError; unknown failures are retried as network trouble. */
export function fromNetworkError(error: unknown, host: string): EngineError {
  if (error instanceof EngineError) return error;
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new EngineError('timeout', `${host} did not start sending the file in time. Ferry will try again.`, {
      retryable: true,
      cause: error,
    });
  }
  const known = networkCodes.has(code) ? ` (${code})` : '';
  return new EngineError(
    'network',
    `The connection to ${host} failed${known}. Ferry will try again; check your network if it keeps failing.`,
    { retryable: true, cause: error },
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
  switch (status) {
    case 401:
      return `${host} asked for credentials (HTTP 401). Check the account for this download and try again.`;
    case 403:
      return `${host} refused access (HTTP 403). The link may have expired or need an account: get a fresh link or check the account.`;
    case 404:
    case 410:
      return `${host} has no such file (HTTP ${status}). Check the link; the file may have been moved or deleted.`;
    case 429:
      return `${host} is limiting requests (HTTP 429). Ferry will wait and try again.`;
    default:
      if (status >= 500) return `${host} had a server error (HTTP ${status}). Ferry will try again later.`;
      return `${host} refused the request (HTTP ${status}). Check the link and try again.`;
  }
}

export function canceled(): EngineError {
  return new EngineError('canceled', 'The download was stopped.');
}
