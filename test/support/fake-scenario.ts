import { randomBytes } from 'node:crypto';
import { craftZip } from './archive-fixtures';
import { FaultServer, type RecordedRequest, type Reply } from './fault-server';

export interface ScenarioAsset {
  id: string;
  /** The file's own name: its extension is its format. */
  name: string;
  mimeType: string;
  body: Buffer;
  kind?: 'image' | '3d';
  prompt?: string;
  seed?: number;
  inferenceId?: string;
  modelId?: string;
  tags?: string[];
  /** How its signed link names the file: a Content-Disposition (default), only the link's path, or neither. */
  naming?: 'disposition' | 'path' | 'opaque';
}

export interface ScenarioFixture {
  apiKey: string;
  apiSecret: string;
  assets: ScenarioAsset[];
  /** The first link handed out for an asset expires after this many body bytes: the connection drops, then 403. */
  expireFirstLinkAfter?: number;
  /** What a batch job's polls say, one status a poll, the last one for ever; `success` comes with the link. */
  jobStatuses?: string[];
  /** The first polls of every job answer 429 with this Retry-After. */
  rateLimitedPolls?: { count: number; retryAfterSeconds: number };
  /** The most assets a listing page holds, whatever pageSize asks. */
  maxPageSize?: number;
  /** Sends batch ZIPs this slowly, so a test can stop Ferry halfway. */
  zipBytesPerSecond?: number;
}

export interface FakeScenario {
  server: FaultServer;
  /** Ends in /v1, as Scenario's does: the provider's paths are relative to it. */
  baseUrl: string;
  /** Every signature put in a signed link, to check none is kept anywhere. */
  signatures: string[];
  /** The batch jobs asked for, by id, with the body that asked. */
  jobs: Map<string, { body: unknown; polls: number }>;
  /** Requests for a signed link refused because the link had expired. */
  expiredLinkRefusals: number;
}

interface Link {
  body: Buffer;
  etag: string;
  expired: boolean;
  dropAfter?: number;
  bytesPerSecond?: number;
  disposition?: string;
  contentType?: string;
}

/**
 * A loopback Scenario from seeds/scenario-download.md: Basic auth; POST
 * /v1/assets/{id}/download hands out a signed link on another origin (which
 * may expire mid-body); POST /v1/assets/download starts a ZIP job polled at
 * /v1/assets/download/{jobId}; GET /v1/assets lists with pagination tokens.
 */
export async function startFakeScenario(fixture: ScenarioFixture): Promise<FakeScenario> {
  const server = await FaultServer.start();
  const fake: FakeScenario = {
    server,
    baseUrl: server.url('/v1'),
    signatures: [],
    jobs: new Map(),
    expiredLinkRefusals: 0,
  };
  const links = new Map<string, Link>();
  const linked = new Set<string>();
  const sign = (path: string, link: Link) => {
    const signature = randomBytes(16).toString('hex');
    fake.signatures.push(signature);
    links.set(signature, link);
    if (!linked.has(path)) server.route(path, (request) => serveLink(fake, links, request));
    linked.add(path);
    return `${server.url(path, 'other')}?X-Amz-Expires=900&X-Amz-Signature=${signature}`;
  };
  const guarded = (handle: (request: RecordedRequest) => Reply) => (request: RecordedRequest) =>
    authProblem(fixture, request) ?? handle(request);

  server.route(
    '/v1/assets',
    guarded((request) => listReply(fixture, request)),
  );
  for (const asset of fixture.assets) {
    let issued = 0;
    server.route(
      `/v1/assets/${asset.id}/download`,
      guarded((request) => {
        const format = (parseBody(request) as { targetFormat?: string } | null)?.targetFormat;
        const file = format ? converted(asset, format) : { name: asset.name, body: asset.body };
        const first = issued++ === 0;
        const link: Link = {
          body: file.body,
          etag: `"${asset.id}-${format ?? 'original'}"`,
          expired: false,
          dropAfter: first ? fixture.expireFirstLinkAfter : undefined,
          disposition: (asset.naming ?? 'disposition') === 'disposition' ? file.name : undefined,
          contentType: format ? 'application/octet-stream' : asset.mimeType,
        };
        const path =
          asset.naming === 'opaque' ? `/blobs/${asset.id}-${format ?? 'o'}` : `/files/${asset.id}/${file.name}`;
        return json({ url: sign(path, link) });
      }),
    );
  }
  server.route(
    '/v1/assets/download',
    guarded((request) => startJob(fixture, fake, request, (jobId, zip) => sign(`/exports/${jobId}.zip`, zip))),
  );
  return fake;
}

function authProblem(fixture: ScenarioFixture, request: RecordedRequest): Reply | null {
  const expected = `Basic ${Buffer.from(`${fixture.apiKey}:${fixture.apiSecret}`).toString('base64')}`;
  return request.headers.authorization === expected ? null : json({ message: 'Unauthorized' }, 401);
}

function serveLink(fake: FakeScenario, links: Map<string, Link>, request: RecordedRequest): Reply {
  const signature = new URL(request.url, 'http://x').searchParams.get('X-Amz-Signature') ?? '';
  const link = links.get(signature);
  if (link?.expired) fake.expiredLinkRefusals += 1;
  if (!link || link.expired || request.headers.authorization) {
    const reason = link?.expired ? 'Request has expired' : 'Invalid signature';
    return { status: 403, body: Buffer.from(`<Error><Code>AccessDenied</Code><Message>${reason}</Message></Error>`) };
  }
  const headers: Record<string, string> = link.contentType ? { 'content-type': link.contentType } : {};
  if (link.disposition) headers['content-disposition'] = `attachment; filename="${link.disposition}"`;
  if (link.dropAfter === undefined) {
    return { body: link.body, etag: link.etag, headers, bytesPerSecond: link.bytesPerSecond };
  }
  // The link runs out while its body is on the way: cut there, and refuse it from then on. Paced, so the
  // bytes before the cut reach the client before the reset does (a reset discards what is still unread).
  link.expired = true;
  return { body: link.body, etag: link.etag, headers, dropAfter: link.dropAfter, bytesPerSecond: 2_000_000 };
}

function converted(asset: ScenarioAsset, format: string): { name: string; body: Buffer } {
  return {
    name: `${asset.name.replace(/\.[^.]+$/, '')}.${format}`,
    body: Buffer.concat([Buffer.from(`${format}:`), asset.body]),
  };
}

function listReply(fixture: ScenarioFixture, request: RecordedRequest): Reply {
  const params = new URL(request.url, 'http://x').searchParams;
  const size = Math.min(Number(params.get('pageSize') ?? 20), fixture.maxPageSize ?? 100);
  const token = params.get('paginationToken');
  const start = token ? Number(Buffer.from(token, 'base64url').toString().replace('page-', '')) : 0;
  const assets = fixture.assets.slice(start, start + size).map((asset) => ({
    id: asset.id,
    mimeType: asset.mimeType,
    metadata: {
      name: asset.name,
      kind: asset.kind ?? 'image',
      type: 'inference-txt2img',
      prompt: asset.prompt,
      seed: asset.seed,
      width: 1024,
      height: 1024,
    },
    tags: asset.tags ?? [],
    privacy: 'private',
    createdAt: '2026-01-02T03:04:05.000Z',
  }));
  const next = start + size < fixture.assets.length ? Buffer.from(`page-${start + size}`).toString('base64url') : null;
  return json({ assets, ...(next ? { nextPaginationToken: next } : {}) });
}

interface BatchBody {
  options?: { fileNameTemplate?: unknown; flat?: unknown };
  query?: { assetIds?: unknown; inferenceIds?: unknown; modelIds?: unknown };
}

function startJob(
  fixture: ScenarioFixture,
  fake: FakeScenario,
  request: RecordedRequest,
  sign: (jobId: string, zip: Link) => string,
): Reply {
  const body = parseBody(request) as BatchBody | null;
  const query = body?.query;
  const lists = [query?.assetIds, query?.inferenceIds, query?.modelIds];
  if (typeof body?.options?.fileNameTemplate !== 'string' || !lists.every(isStringArray)) {
    return json({ message: 'options.fileNameTemplate and query.assetIds, inferenceIds, modelIds are required' }, 400);
  }
  const [assetIds, inferenceIds, modelIds] = lists as [string[], string[], string[]];
  if (assetIds.length > 1000) return json({ message: 'batch limited to 1000 assets' }, 400);
  const unknown = assetIds.find((id) => !fixture.assets.some((asset) => asset.id === id));
  if (unknown) return json({ message: `Asset ${unknown} not found` }, 404);
  const chosen = fixture.assets.filter(
    (asset) =>
      assetIds.includes(asset.id) ||
      inferenceIds.includes(asset.inferenceId ?? '') ||
      modelIds.includes(asset.modelId ?? ''),
  );
  const jobId = `job-${fake.jobs.size + 1}`;
  const zip = batchZip(chosen, body.options.fileNameTemplate, body.options.flat === true);
  const job = { body, polls: 0 };
  fake.jobs.set(jobId, job);
  const statuses = fixture.jobStatuses ?? ['queued', 'in-progress', 'success'];
  fake.server.route(`/v1/assets/download/${jobId}`, (poll) => {
    const refused = authProblem(fixture, poll);
    if (refused) return refused;
    job.polls += 1;
    const limited = fixture.rateLimitedPolls;
    if (limited && job.polls <= limited.count) {
      return { ...json({ message: 'Too many requests' }, 429), headers: jsonType(limited.retryAfterSeconds) };
    }
    const jobStatus = statuses[Math.min(job.polls - 1 - (limited?.count ?? 0), statuses.length - 1)] ?? 'queued';
    const link = {
      body: zip,
      etag: `"${jobId}"`,
      expired: false,
      contentType: 'application/zip',
      bytesPerSecond: fixture.zipBytesPerSecond,
    };
    return json({ jobId, jobStatus, ...(jobStatus === 'success' ? { downloadUrl: sign(jobId, link) } : {}) });
  });
  return json({ jobId });
}

/** The ZIP Scenario builds: files named by the template, grouped by inference unless flat. */
function batchZip(assets: ScenarioAsset[], template: string, flat: boolean): Buffer {
  const counts = new Map<string, number>();
  const entries = assets.map((asset) => {
    const group = asset.inferenceId ?? 'assets';
    const num = (counts.get(group) ?? 0) + 1;
    counts.set(group, num);
    const name = template
      .replaceAll('<seed>', String(asset.seed ?? 0))
      .replaceAll('<num>', String(num))
      .replaceAll('<prompt>', asset.prompt ?? '')
      .replaceAll('<generator>', asset.modelId ?? '');
    const extension = /\.[^.]+$/.exec(asset.name)?.[0] ?? '';
    return { name: `${flat ? '' : `${group}/`}${name}${extension}`, data: asset.body, deflate: true };
  });
  return craftZip(entries);
}

function parseBody(request: RecordedRequest): unknown {
  try {
    return request.body ? JSON.parse(request.body) : null;
  } catch {
    return null;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function jsonType(retryAfterSeconds?: number): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }),
  };
}

function json(value: unknown, status = 200): Reply {
  return { status, body: Buffer.from(JSON.stringify(value)), headers: jsonType() };
}
