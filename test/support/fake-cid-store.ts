import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pack } from 'tar-stream';
import { type Listening, listenOnLoopback } from './loopback-listener';

/** What `get` answers for one `arg`. */
export type StoreReply =
  /** The bytes as they are, named by Content-Disposition when `name` is given. */
  | { kind: 'raw'; body: Buffer; name?: string }
  /** A TAR, as Kubo's `get` answers: one file, or a folder's entries under `<top>/`. */
  | { kind: 'tar'; entries: { path: string; body?: Buffer }[] }
  | { kind: 'error'; status: number; error: string };

/** A way an answer breaks off, for the first `times` requests of an arg (every one when unset). */
export interface StoreFault {
  kind: 'cut-tar' | 'stream-error' | 'short-body';
  times?: number;
}

export interface StoreRequest {
  method: string;
  url: string;
  authorization?: string;
  body: string;
  /** When it arrived (performance.now()), to tell how long Ferry waited. */
  at: number;
}

/** The store's calls, as a rate limit names them by path. */
export type StorePath = '/auth' | '/api/v1/get';

/** How the sign-in answers: the token and endpoint under these names, at the top level or under `data`. */
export interface AuthShape {
  tokenField: string;
  endpointField: string;
  nested: boolean;
}

/**
 * A loopback CID store from seeds/cid-storage-download.md and DESIGN.md section 5:
 * `POST /api/v1/get?arg=<CID>[/path]` with `Authorization: Bearer <jwt>` answers the
 * content (raw, or a TAR as Kubo does), 401 for a token it does not take, 500 with
 * `{error}`; `POST /auth` takes `{login, password}` and hands out a token and the endpoint.
 */
export class FakeCidStore {
  readonly requests: StoreRequest[] = [];
  private readonly replies = new Map<string, StoreReply>();
  private readonly faults = new Map<string, StoreFault>();
  private readonly validTokens = new Set<string>();
  private readonly expiredTokens = new Set<string>();
  private readonly rateLimits = new Map<string, { count: number; retryAfterSeconds: number }>();
  private issued = 0;
  private listening!: Listening;
  private readonly server = createServer((request, response) => void this.handle(request, response));
  private port = 0;
  authShape: AuthShape = { tokenField: 'jwt', endpointField: 'apiEndpoint', nested: true };
  /** Answers 401 to every token, even one it just handed out: an account that lost its access. */
  refuseTokens = false;
  /** Requests to `get` refused because their token had expired (see `expireSessions`). */
  expiredRefusals = 0;

  constructor(
    readonly login: string,
    readonly password: string,
    staticToken: string,
  ) {
    this.validTokens.add(staticToken);
  }

  static async start(login: string, password: string, staticToken: string): Promise<FakeCidStore> {
    const store = new FakeCidStore(login, password, staticToken);
    store.listening = await listenOnLoopback(store.server);
    store.port = store.listening.port;
    return store;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get authUrl(): string {
    return `${this.endpoint}/auth`;
  }

  reply(arg: string, reply: StoreReply): void {
    this.replies.set(arg, reply);
  }

  fault(arg: string, fault: StoreFault): void {
    this.faults.set(arg, fault);
  }

  /** The next `count` calls of `path` answer 429 with this Retry-After, in seconds. */
  rateLimit(path: StorePath, count: number, retryAfterSeconds: number): void {
    this.rateLimits.set(path, { count, retryAfterSeconds });
  }

  /** Every token handed out so far stops working, as an expired JWT does. */
  expireSessions(): void {
    for (const token of this.validTokens) {
      if (!token.startsWith('jwt-')) continue;
      this.validTokens.delete(token);
      this.expiredTokens.add(token);
    }
  }

  /** The requests to `get`, as the store saw them. */
  gets(): StoreRequest[] {
    return this.requests.filter((request) => request.url.startsWith('/api/v1/get'));
  }

  async close(): Promise<void> {
    await this.listening.close();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const url = new URL(request.url ?? '/', 'http://x');
    this.requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body,
      at: performance.now(),
    });
    if (request.method !== 'POST') return json(response, 405, { error: 'method not allowed' });
    const limit = this.rateLimits.get(url.pathname);
    if (limit && limit.count > 0) {
      limit.count -= 1;
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit.retryAfterSeconds) });
      response.end(JSON.stringify({ error: 'too many requests' }));
      return;
    }
    if (url.pathname === '/auth') return this.authenticate(body, response);
    if (url.pathname !== '/api/v1/get') return json(response, 404, { error: 'not found' });
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token && this.expiredTokens.has(token)) this.expiredRefusals += 1;
    if (!token || !this.validTokens.has(token) || this.refuseTokens)
      return json(response, 401, { error: 'invalid token' });
    const arg = url.searchParams.get('arg');
    if (!arg) return json(response, 400, { error: "argument 'ipfs-path' is required" });
    const reply = this.replies.get(arg);
    if (!reply) return json(response, 500, { error: `merkledag: not found (${arg})` });
    if (reply.kind === 'error') return json(response, reply.status, { error: reply.error });
    const bytes = reply.kind === 'raw' ? reply.body : await tarOf(reply.entries);
    await send(response, bytes, reply.kind === 'raw' ? reply.name : undefined, this.takeFault(arg));
  }

  private authenticate(body: string, response: ServerResponse): void {
    let given: { login?: string; password?: string } = {};
    try {
      given = JSON.parse(body);
    } catch {
      json(response, 400, { error: 'expected JSON' });
      return;
    }
    if (given.login !== this.login || given.password !== this.password) {
      json(response, 401, { error: 'wrong login or password' });
      return;
    }
    this.issued += 1;
    const token = `jwt-${this.issued}-${'x'.repeat(24)}`;
    this.validTokens.add(token);
    const { tokenField, endpointField, nested } = this.authShape;
    const fields = { [tokenField]: token, [endpointField]: this.endpoint };
    json(response, 200, nested ? { success: true, data: fields } : fields);
  }

  private takeFault(arg: string): StoreFault | undefined {
    const fault = this.faults.get(arg);
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      if (fault.times <= 0) return undefined;
      fault.times -= 1;
    }
    return fault;
  }
}

async function send(response: ServerResponse, bytes: Buffer, name: string | undefined, fault?: StoreFault) {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (name) headers['content-disposition'] = `attachment; filename="${name}"`;
  if (fault?.kind === 'short-body') {
    response.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
    response.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    response.destroy();
    return;
  }
  if (fault?.kind === 'cut-tar') {
    // A clean end of a chunked answer: only the TAR itself shows it is incomplete.
    response.writeHead(200, headers);
    response.end(bytes.subarray(0, bytes.length - 1536));
    return;
  }
  if (fault?.kind === 'stream-error') {
    response.writeHead(200, { ...headers, trailer: 'X-Stream-Error' });
    response.write(bytes);
    response.addTrailers({ 'X-Stream-Error': 'context deadline exceeded' });
    response.end();
    return;
  }
  response.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
  response.end(bytes);
}

/** A TAR as tar-stream writes it: entries in order, folders implied by paths, then the two zero blocks. */
async function tarOf(entries: { path: string; body?: Buffer }[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  for (const entry of entries) {
    if (entry.body) tar.entry({ name: entry.path, size: entry.body.length }, entry.body);
    else tar.entry({ name: entry.path, type: 'directory' });
  }
  tar.finalize();
  await once(tar, 'end');
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
