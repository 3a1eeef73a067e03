import { type Dispatcher, request } from 'undici';
import { EngineError, fromNetworkError, headersBrokeAfterContentLength } from './engine-error';
import type { HttpTarget } from './http-target';
import { isCredentialed, isSignedUrl, withoutCredentialHeaders } from './request-credentials';

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
const bodyHeaders = ['content-type', 'content-length'];

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
    if (options.signal.aborted) throw options.signal.reason;
    throw headersBrokeAfterContentLength(error, host(target.url)) ?? fromNetworkError(error, host(target.url));
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * Where a redirect leads, and what may be sent there. Another origin never
 * gets a body or a credential header: a 307 or 308 that would carry a body
 * there is refused (echo3D posts its keys as a form), and credential headers
 * are dropped. A signed or credentialed request never follows https to http.
 */
export function redirectTarget(current: HttpTarget, location: string, status: number): HttpTarget {
  const from = new URL(current.url);
  const to = parseLocation(from, location);
  // Browsers turn a redirected POST into a GET for 301-303; 307 and 308 keep the method and body.
  const becomesGet = status === 303 || ((status === 301 || status === 302) && current.method === 'POST');
  const next = becomesGet ? asGet(current, to) : { ...current, url: to.href };
  if (to.origin === from.origin) return next;
  refuseLeaks(current, next, from, to);
  return { ...next, headers: withoutCredentialHeaders(next.headers) };
}

function parseLocation(from: URL, location: string): URL {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    throw new EngineError('bad_response', `${from.host} redirected to an invalid address. Get a fresh link.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EngineError(
      'bad_response',
      `${from.host} redirected to a ${url.protocol} address, which Ferry does not follow.`,
    );
  }
  return url;
}

function asGet(current: HttpTarget, to: URL): HttpTarget {
  const headers = { ...current.headers };
  for (const name of bodyHeaders) delete headers[name];
  return { method: 'GET', url: to.href, headers };
}

/**
 * A plain public GET may follow https to http, as browsers and curl do: the
 * site chose to send it there (mirrors of public files still do), and nothing
 * secret travels on that hop, though the bytes can be altered on the way,
 * which a provider's checksum catches where it gives one. A request that is
 * credentialed or signed never does: its secrets, or the signed link, would
 * cross the network in clear text.
 */
function refuseLeaks(current: HttpTarget, next: HttpTarget, from: URL, to: URL): void {
  if (next.body) {
    throw new EngineError(
      'redirect',
      `${from.host} tried to send the request and its credentials to another site (${to.host}). Ferry did not follow, so nothing was sent there. This is not how the service normally answers: retry later, and check the account's server address if it happens again.`,
    );
  }
  const downgrade = from.protocol === 'https:' && to.protocol === 'http:';
  if (downgrade && (isCredentialed(current) || isSignedUrl(to))) {
    throw new EngineError(
      'redirect',
      `${from.host} redirected a signed or credentialed request to an unencrypted http:// address (${to.host}). Ferry did not follow, so no credentials crossed the network in clear text. Retry later, or ask the site for a link that stays on https.`,
    );
  }
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
