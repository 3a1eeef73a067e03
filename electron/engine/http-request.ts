import { type Dispatcher, request } from 'undici';
import { EngineError, fromNetworkError } from './engine-error';

export interface HttpTarget {
  method: 'GET' | 'POST';
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Dispatcher.ResponseData['body'];
  /** Filled in once the body has ended: errors some servers report after a 200 (`X-Stream-Error`). */
  trailers: Dispatcher.ResponseData['trailers'];
  /** Where the answer finally came from, with the headers that may be sent there. */
  target: HttpTarget;
}

export interface SendOptions {
  dispatcher: Dispatcher;
  signal: AbortSignal;
  headersTimeoutMs: number;
  /** Sent on every hop, e.g. Range; never dropped on a change of origin. */
  extraHeaders?: Record<string, string>;
}

const MAX_REDIRECTS = 10;
const credentialHeaders = ['authorization', 'cookie', 'proxy-authorization'];
const bodyHeaders = ['content-type', 'content-length'];

export function toTarget(spec: {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}): HttpTarget {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
  return { method: spec.method ?? 'GET', url: spec.url, headers, body: spec.body };
}

/**
 * Sends a request and follows up to 10 redirects by hand, so that credentials
 * never reach another origin and a redirect loop is caught at once.
 */
export async function sendFollowingRedirects(target: HttpTarget, options: SendOptions): Promise<HttpResponse> {
  const seen = new Set([visitKey(target)]);
  let current = target;
  for (let hop = 0; ; hop++) {
    const response = await send(current, options);
    const location = header(response.headers, 'location');
    if (!isRedirect(response.statusCode) || !location) {
      const { statusCode: status, headers, body, trailers } = response;
      return { status, headers, body, trailers, target: current };
    }
    await response.body.dump();
    const next = redirectTarget(current, location, response.statusCode);
    if (hop + 1 > MAX_REDIRECTS) {
      throw new EngineError(
        'redirect',
        `${host(target.url)} redirected more than ${MAX_REDIRECTS} times. The link is probably broken; get a fresh one.`,
      );
    }
    if (seen.has(visitKey(next))) {
      throw new EngineError(
        'redirect',
        `${host(target.url)} redirects in a loop. The link is broken; get a fresh one.`,
      );
    }
    seen.add(visitKey(next));
    current = next;
  }
}

async function send(target: HttpTarget, options: SendOptions): Promise<Dispatcher.ResponseData> {
  try {
    return await request(target.url, {
      dispatcher: options.dispatcher,
      method: target.method,
      headers: { ...target.headers, ...options.extraHeaders },
      body: target.body,
      signal: options.signal,
      headersTimeout: options.headersTimeoutMs,
      // Stalls are detected by the transfer, which knows when it is waiting on purpose (speed limits).
      bodyTimeout: 0,
    });
  } catch (error) {
    throw options.signal.aborted ? options.signal.reason : fromNetworkError(error, host(target.url));
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function redirectTarget(current: HttpTarget, location: string, status: number): HttpTarget {
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    throw new EngineError('bad_response', `${host(current.url)} redirected to an invalid address. Get a fresh link.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EngineError(
      'bad_response',
      `${host(current.url)} redirected to a ${url.protocol} address, which Ferry does not follow.`,
    );
  }
  const headers = { ...current.headers };
  if (url.origin !== new URL(current.url).origin) for (const name of credentialHeaders) delete headers[name];
  // Browsers turn a redirected POST into a GET for 301-303; 307 and 308 keep the method and body.
  const becomesGet = status === 303 || ((status === 301 || status === 302) && current.method === 'POST');
  if (!becomesGet) return { ...current, url: url.href, headers };
  for (const name of bodyHeaders) delete headers[name];
  return { method: 'GET', url: url.href, headers };
}

function visitKey(target: HttpTarget): string {
  return `${target.method} ${target.url}`;
}

/**
 * Throws a body away without reading it. undici reports a body destroyed
 * before its end as an 'error' event, which would crash the process if nobody
 * listened, so a listener is attached first.
 */
export function discard(body: HttpResponse['body']): void {
  body.on('error', () => undefined);
  if (!body.destroyed) body.destroy();
}

export function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
