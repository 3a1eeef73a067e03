import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { Socket } from 'node:net';
import { type Listening, listenOnLoopback } from './loopback-listener';

/** What one response does; every fault a real server or network throws is a field here. */
export interface Reply {
  /** The whole file; ranges are cut from it. */
  body?: Buffer;
  status?: number;
  headers?: Record<string, string>;
  /** false: answer 200 with the whole body whatever Range says. */
  honourRanges?: boolean;
  /** Serves the range even when If-Range names another version, as some caches do. */
  ignoreIfRange?: boolean;
  etag?: string;
  lastModified?: string;
  /** Destroys the socket after this many body bytes. */
  dropAfter?: number;
  /** Resets the connection (TCP RST instead of a clean close) after this many body bytes. */
  resetAfter?: number;
  /** Stops sending after this many body bytes and keeps the connection open. */
  stallAfter?: number;
  /** Claims a Content-Length larger than what is sent, then closes. */
  shortBy?: number;
  /** No Content-Length: the body is chunked and its size unknown. */
  chunked?: boolean;
  /**
   * No Content-Length and no chunks: the body ends when the connection closes,
   * under a status line of this version. Always the whole file, never a range.
   */
  closeDelimited?: 'HTTP/1.1' | 'HTTP/1.0';
  bytesPerSecond?: number;
  /** Sends `bytes` body bytes every `everyMs`, as a server that keeps a download alive without sending it. */
  trickle?: { bytes: number; everyMs: number };
  /** Holds the headers back this long, like a server converting a file first. */
  headersDelayMs?: number;
  redirect?: { status: number; location: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
  /** Body bytes actually written for this request. */
  sent: number;
  /** True once the connection carrying it has closed. */
  closed: boolean;
}

export type Handler = (request: RecordedRequest, index: number) => Reply;

/** Where the body goes: through node's response, or straight onto the socket for answers node cannot write. */
type BodyOut = ServerResponse | Socket;

/**
 * A loopback HTTP server for engine tests. Each route answers with a Reply
 * chosen per request, so a test can say "fail twice, then serve".
 */
export class FaultServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Handler>();
  private listening!: Listening;
  private readonly server;
  private readonly scheme: 'http' | 'https';
  private port = 0;

  private constructor(tls?: { key: string; cert: string }) {
    const listener = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response);
    this.server = tls ? createTlsServer(tls, listener) : createServer(listener);
    this.scheme = tls ? 'https' : 'http';
  }

  /** Plain HTTP, or HTTPS with the given key and certificate. */
  static async start(options: { tls?: { key: string; cert: string } } = {}): Promise<FaultServer> {
    const server = new FaultServer(options.tls);
    server.listening = await listenOnLoopback(server.server);
    server.port = server.listening.port;
    return server;
  }

  /** The same server under another origin: 127.0.0.1 and localhost differ for the engine. */
  url(path: string, origin: 'primary' | 'other' = 'primary'): string {
    return `${this.scheme}://${origin === 'primary' ? '127.0.0.1' : 'localhost'}:${this.port}${path}`;
  }

  route(path: string, handler: Handler | Reply): void {
    this.routes.set(path, typeof handler === 'function' ? handler : () => handler);
  }

  requestsFor(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    await this.listening.close();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      url: request.url ?? '/',
      headers: request.headers,
      body: Buffer.concat(chunks).toString(),
      at: performance.now(),
      sent: 0,
      closed: false,
    };
    request.socket.once('close', () => {
      recorded.closed = true;
    });
    const handler = this.routes.get(path);
    const index = this.requestsFor(path).length;
    this.requests.push(recorded);
    if (!handler) {
      response.writeHead(404).end('not found');
      return;
    }
    await respond(recorded, response, handler(recorded, index));
  }
}

async function respond(request: RecordedRequest, response: ServerResponse, reply: Reply): Promise<void> {
  if (reply.headersDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.headersDelayMs));
  if (response.destroyed) return;
  if (reply.redirect) {
    response.writeHead(reply.redirect.status, { location: reply.redirect.location }).end();
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.etag) headers.etag = reply.etag;
  if (reply.lastModified) headers['last-modified'] = reply.lastModified;
  const file = reply.body ?? Buffer.alloc(0);
  if (reply.status && reply.status !== 200) {
    response.writeHead(reply.status, headers).end(reply.body);
    return;
  }
  if (reply.closeDelimited) {
    await sendBody(request, writeRawHead(response.socket as Socket, reply.closeDelimited, headers), file, reply);
    return;
  }
  const range = reply.honourRanges === false ? undefined : requestedRange(request, reply, file.length);
  if (range === 'unsatisfiable') {
    response.writeHead(416, { 'content-range': `bytes */${file.length}` }).end();
    return;
  }
  if (reply.honourRanges !== false) headers['accept-ranges'] = 'bytes';
  const body = range ? file.subarray(range.start, range.end + 1) : file;
  if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${file.length}`;
  if (!reply.chunked) headers['content-length'] = String(body.length + (reply.shortBy ?? 0));
  response.writeHead(range ? 206 : 200, headers);
  await sendBody(request, response, body, reply);
}

/** Node writes HTTP/1.1 and frames every body it can; a close-delimited answer is written by hand. */
function writeRawHead(socket: Socket, version: 'HTTP/1.1' | 'HTTP/1.0', headers: Record<string, string>): Socket {
  const lines = Object.entries({ ...headers, ...(version === 'HTTP/1.1' ? { connection: 'close' } : {}) }).map(
    ([name, value]) => `${name}: ${value}\r\n`,
  );
  socket.write(`${version} 200 OK\r\n${lines.join('')}\r\n`);
  return socket;
}

/** Waits for the socket to take more, or to go away; leaves no listener behind either way. */
function drained(out: BodyOut): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

function requestedRange(request: RecordedRequest, reply: Reply, size: number) {
  const match = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  if (!match) return undefined;
  const ifRange = request.headers['if-range'];
  if (ifRange && !reply.ignoreIfRange && ifRange !== reply.etag && ifRange !== reply.lastModified) return undefined;
  const start = Number(match[1]);
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (start >= size || end < start) return 'unsatisfiable' as const;
  return { start, end };
}

async function sendBody(request: RecordedRequest, out: BodyOut, body: Buffer, reply: Reply): Promise<void> {
  const limit = Math.min(
    body.length,
    reply.dropAfter ?? Number.POSITIVE_INFINITY,
    reply.resetAfter ?? Number.POSITIVE_INFINITY,
    reply.stallAfter ?? Number.POSITIVE_INFINITY,
  );
  const chunkSize =
    reply.trickle?.bytes ?? (reply.bytesPerSecond ? Math.max(1024, Math.floor(reply.bytesPerSecond / 50)) : 64 * 1024);
  const started = performance.now();
  // Each drop goes out when it is written, not when Nagle's algorithm lets it.
  if (reply.trickle) (out instanceof Socket ? out : out.socket)?.setNoDelay(true);
  while (request.sent < limit && !out.destroyed) {
    const chunk = body.subarray(request.sent, Math.min(limit, request.sent + chunkSize));
    if (!out.write(chunk)) await drained(out);
    request.sent += chunk.length;
    if (reply.trickle) await new Promise((resolve) => setTimeout(resolve, reply.trickle?.everyMs));
    if (reply.bytesPerSecond) {
      const due = started + (request.sent / reply.bytesPerSecond) * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  }
  if (reply.stallAfter !== undefined && reply.stallAfter < body.length) {
    // Stalling before the first byte still sends the headers: the body stalls, not the answer.
    if (request.sent === 0 && 'flushHeaders' in out) out.flushHeaders();
    return;
  }
  if (reply.resetAfter !== undefined) {
    await reset(out instanceof Socket ? out : (out.socket as Socket));
    return;
  }
  if (reply.dropAfter !== undefined || reply.shortBy) {
    out.destroy();
    return;
  }
  out.end();
}

/** Resets once what was written has reached the kernel, so the client gets bytes first and then the RST. */
async function reset(socket: Socket): Promise<void> {
  await new Promise((resolve) => socket.write(Buffer.alloc(0), resolve));
  if (!socket.destroyed) socket.resetAndDestroy();
}
