import { randomBytes } from 'node:crypto';
import { FaultServer, type RecordedRequest, type Reply } from './fault-server';

export interface DelosFile {
  body: Buffer;
  contentType: string;
  /** The name in Content-Disposition; none is sent without it. */
  name?: string;
  disposition?: 'attachment' | 'inline';
  /** Only requests for this customer (customerId=) may read it; others are denied. */
  customerId?: string;
  /** Answers `{contentType, data}` in base64 even when asked for `*\/*`. */
  envelope?: boolean;
  /** Answers "File is locked" to this many requests first; Infinity keeps it locked. */
  lockedFor?: number;
}

export interface DelosFixture {
  login: string;
  password: string;
  /** A static token the server accepts as it is. */
  staticToken?: string;
  /** Seconds; Delos's range from minutes to an hour. */
  accessTtl?: number;
  refreshTtl?: number;
  files: Record<string, DelosFile>;
  /** Ids the tests ask for that Delos does not have. */
  missing?: string[];
  /** Where the listing puts its files: under `data` (the default), under `items`, or a bare array. */
  listShape?: 'data' | 'items' | 'array';
}

/** Delos's calls, as a rate limit names them: `file` is every request of a file, `transfer` all but its probes. */
export type DelosEndpoint = 'login' | 'refresh' | 'list' | 'file' | 'transfer';

export interface DelosFaults {
  /** The next `count` calls of this endpoint answer 429 with this Retry-After. */
  rateLimit?: { endpoint: DelosEndpoint; count: number; retryAfterSeconds: number };
  /** The next transfer of this file (not a one-byte probe) drops after some bytes and voids the token it used. */
  expireMidBody?: { fileId: string; afterBytes: number };
  /** The refresh endpoint refuses every refresh token: Ferry must log in again. */
  refuseRefresh?: boolean;
}

export interface FakeDelos {
  server: FaultServer;
  baseUrl: string;
  faults: DelosFaults;
  /** Every token handed out, to check that none reaches an output or a file. */
  issued: string[];
  logins(): number;
  /** The refresh tokens presented, in order. */
  refreshedWith: string[];
  /** Voids every access token issued so far, as their TTL running out would. */
  expireAccessTokens(): void;
  /** Requests refused because the access token they carried had expired or been voided. */
  expiredRefusals(): number;
}

const json = (status: number, value: unknown): Reply => ({
  status,
  body: Buffer.from(JSON.stringify(value)),
  headers: { 'content-type': 'application/json' },
});

/**
 * A loopback Delos written from seeds/delos-download-file.md and DESIGN.md
 * section 5: a login that hands out access and refresh tokens with TTLs, a
 * refresh that rotates the refresh token, files as raw bytes (with ranges) or
 * as a base64 JSON envelope, `{error}` answers for locked, missing, denied and
 * unauthorized, and a paged listing.
 */
export async function startFakeDelos(fixture: DelosFixture): Promise<FakeDelos> {
  const server = await FaultServer.start();
  const access = new Map<string, number>();
  const refresh = new Set<string>();
  const issued: string[] = [];
  const refreshedWith: string[] = [];
  const faults: DelosFaults = {};
  const served = new Map<string, number>();
  let logins = 0;
  let expiredRefusals = 0;

  const issue = () => {
    const accessToken = `acc-${randomBytes(12).toString('hex')}`;
    const refreshToken = `ref-${randomBytes(12).toString('hex')}`;
    access.set(accessToken, Date.now() + (fixture.accessTtl ?? 3600) * 1000);
    refresh.add(refreshToken);
    issued.push(accessToken, refreshToken);
    server.route(`/v2/auth/refresh/${refreshToken}`, (request) => refreshReply(request, refreshToken));
    return json(200, {
      accessToken,
      refreshToken,
      accessTtl: fixture.accessTtl ?? 3600,
      refreshTtl: fixture.refreshTtl ?? 86400,
    });
  };
  const limited = (endpoint: DelosEndpoint): Reply | null => {
    const limit = faults.rateLimit;
    if (limit?.endpoint !== endpoint || limit.count <= 0) return null;
    limit.count -= 1;
    const reply = json(429, { error: 'Too many requests' });
    return { ...reply, headers: { ...reply.headers, 'retry-after': String(limit.retryAfterSeconds) } };
  };
  const refreshReply = (request: RecordedRequest, token: string): Reply => {
    const refused = limited('refresh');
    if (refused) return refused;
    refreshedWith.push(token);
    if (request.headers.authorization) return json(400, { error: 'The refresh call takes no Authorization header' });
    if (faults.refuseRefresh || !refresh.has(token)) return json(401, { error: 'Unauthorized' });
    refresh.delete(token);
    return issue();
  };
  const authorized = (request: RecordedRequest) => {
    const token = request.headers.authorization ?? '';
    if (fixture.staticToken && token === fixture.staticToken) return true;
    const expiresAt = access.get(token);
    if (expiresAt !== undefined && expiresAt <= Date.now()) expiredRefusals += 1;
    return (expiresAt ?? 0) > Date.now();
  };

  server.route('/v2/auth/login', (request) => {
    const refused = limited('login');
    if (refused) return refused;
    logins += 1;
    const { login, password } = JSON.parse(request.body || '{}') as { login?: string; password?: string };
    if (login !== fixture.login || password !== fixture.password) {
      return json(401, { error: 'Invalid login or password' });
    }
    return issue();
  });
  server.route('/v2/storage/file', (request) => {
    const refused = limited('list');
    if (refused) return refused;
    if (!authorized(request)) return json(401, { error: 'Unauthorized' });
    return listReply(fixture, new URL(request.url, 'http://x').searchParams);
  });
  for (const fileId of [...Object.keys(fixture.files), ...(fixture.missing ?? [])]) {
    server.route(`/v2/storage/file/${fileId}`, (request) => {
      const refused = limited('file') ?? (request.headers.range === 'bytes=0-0' ? null : limited('transfer'));
      if (refused) return refused;
      if (!authorized(request)) return json(401, { error: 'Unauthorized' });
      const file = fixture.files[fileId];
      if (!file) return json(404, { error: `File not found: ${fileId}` });
      const customerId = new URL(request.url, 'http://x').searchParams.get('customerId');
      if (file.customerId && customerId !== file.customerId)
        return json(403, { error: `Access denied to file: ${fileId}` });
      const times = (served.get(fileId) ?? 0) + 1;
      served.set(fileId, times);
      if (times <= (file.lockedFor ?? 0)) return json(423, { error: 'File is locked and cannot be downloaded' });
      const expire = faults.expireMidBody;
      if (expire?.fileId === fileId && request.headers.range !== 'bytes=0-0') {
        faults.expireMidBody = undefined;
        access.delete(request.headers.authorization ?? '');
        return { ...fileReply(fileId, file, request), dropAfter: expire.afterBytes };
      }
      return fileReply(fileId, file, request);
    });
  }
  return {
    server,
    baseUrl: server.url('').replace(/\/$/, ''),
    faults,
    issued,
    logins: () => logins,
    refreshedWith,
    // Kept, with no time left, so that a request still carrying one counts as refused for expiry.
    expireAccessTokens: () => {
      for (const token of access.keys()) access.set(token, 0);
    },
    expiredRefusals: () => expiredRefusals,
  };
}

function fileReply(fileId: string, file: DelosFile, request: RecordedRequest): Reply {
  if (file.envelope || request.headers.accept === 'application/json') {
    return { ...json(200, { contentType: file.contentType, data: file.body.toString('base64') }), honourRanges: false };
  }
  const headers: Record<string, string> = { 'content-type': file.contentType, 'x-file-id': fileId };
  if (file.name) headers['content-disposition'] = `${file.disposition ?? 'attachment'}; filename="${file.name}"`;
  return { body: file.body, etag: `"${fileId}-1"`, headers };
}

function listReply(fixture: DelosFixture, query: URLSearchParams): Reply {
  const page = Number(query.get('meta.page') ?? '1');
  const size = Number(query.get('meta.pageSize') ?? '20');
  const customerId = query.get('customerId');
  const all = Object.entries(fixture.files)
    .filter(([, file]) => !customerId || !file.customerId || file.customerId === customerId)
    .map(([id, file]) => ({
      id,
      name: file.name,
      contentType: file.contentType,
      size: file.body.length,
      customerId: file.customerId,
    }));
  const files = all.slice((page - 1) * size, page * size);
  const shape = fixture.listShape ?? 'data';
  if (shape === 'array') return json(200, files);
  return json(200, { [shape]: files, meta: { page, pageSize: size, total: all.length } });
}
