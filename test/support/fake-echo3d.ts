import { FaultServer, type Reply } from './fault-server';

export interface Echo3dFile {
  name: string;
  body: Buffer;
}

export interface Echo3dEntry {
  original: string;
  textures?: string[];
  material?: string;
  tags?: string;
  /** Formats that already exist, by storage id. */
  formats: Record<string, string>;
  /** Formats the server can make on request, and the storage id the conversion produces. */
  conversions: Record<string, string>;
}

export interface Echo3dFixture {
  key: string;
  email: string;
  userKey: string;
  /** When set, the collection requires it (echo3D's Security page). */
  secKey?: string;
  files: Record<string, Echo3dFile>;
  entries: Record<string, Echo3dEntry>;
  conversionMs?: number;
  /** Lists textures and material beside `hologram`, as older answers did, instead of inside it as echo3D does. */
  extrasBesideHologram?: boolean;
}

/**
 * A loopback echo3D built from seeds/echo3d-download.md and DESIGN.md section 5:
 * GET /query?file= serves a file, POST /download answers 302 to a CDN on another
 * origin (after a slow conversion if asked), errors are plain text.
 */
export async function startFakeEcho3d(fixture: Echo3dFixture): Promise<{ server: FaultServer; baseUrl: string }> {
  const server = await FaultServer.start();
  const cdn = (storageId: string) => server.url(`/cdn/${storageId}`, 'other');
  server.route('/query', (request) => {
    const params = new URL(request.url, 'http://x').searchParams;
    const problem = authProblem(fixture, params);
    if (problem) return problem;
    if (params.has('file')) return fileReply(fixture, params.get('file'));
    return collectionReply(fixture, params.get('entry'));
  });
  server.route('/download', (request) => {
    const form = new URLSearchParams(request.body);
    const problem = authProblem(fixture, form);
    if (problem) return problem;
    const entry = fixture.entries[form.get('entryId') ?? ''];
    if (!entry) return notFound();
    const format = form.get('fileFormat');
    if (!format) return { redirect: { status: 302, location: cdn(entry.original) } };
    const existing = entry.formats[format];
    if (existing) return { redirect: { status: 302, location: cdn(existing) } };
    const converted = entry.conversions[format];
    if (converted && form.get('convertMissing') === 'true') {
      return { headersDelayMs: fixture.conversionMs ?? 500, redirect: { status: 302, location: cdn(converted) } };
    }
    return { status: 400, body: Buffer.from(`Invalid request! No ${format} version of this entry.`) };
  });
  for (const storageId of Object.keys(fixture.files)) {
    server.route(`/cdn/${storageId}`, () => fileReply(fixture, storageId));
  }
  return { server, baseUrl: server.url('').replace(/\/$/, '') };
}

function authProblem(fixture: Echo3dFixture, params: URLSearchParams): Reply | null {
  const wrong =
    params.get('key') !== fixture.key ||
    params.get('email') !== fixture.email ||
    params.get('userKey') !== fixture.userKey ||
    (fixture.secKey !== undefined && params.get('secKey') !== fixture.secKey);
  return wrong
    ? { status: 400, body: Buffer.from('Invalid request! Wrong or missing API key, email, user key or secret key.') }
    : null;
}

function fileReply(fixture: Echo3dFixture, storageId: string | null): Reply {
  const file = storageId ? fixture.files[storageId] : undefined;
  if (!file) return notFound();
  return {
    body: file.body,
    etag: `"${storageId}"`,
    headers: { 'content-disposition': `attachment; filename="${file.name}"` },
  };
}

/** The collection as GET /query without a file answers it: `db` keyed by entry id. */
function collectionReply(fixture: Echo3dFixture, only: string | null): Reply {
  const db = Object.fromEntries(
    Object.entries(fixture.entries)
      .filter(([id]) => only === null || id === only)
      .map(([id, entry]) => [id, entryJson(fixture, entry)]),
  );
  return { body: Buffer.from(JSON.stringify({ db })), headers: { 'content-type': 'application/json' } };
}

/** One entry as echo3D's SDKs read it: the model with its textures and material inside `hologram`. */
function entryJson(fixture: Echo3dFixture, entry: Echo3dEntry) {
  const name = (storageId: string | undefined) => (storageId ? fixture.files[storageId]?.name : undefined);
  const model = { filename: name(entry.original), storageID: entry.original };
  const extras = {
    textureFilenames: (entry.textures ?? []).map(name),
    textureStorageIDs: entry.textures ?? [],
    materialFilename: name(entry.material),
    materialStorageID: entry.material,
  };
  const formats = Object.entries(entry.formats).map(([format, id]) => [`${format}HologramStorageID`, id]);
  return {
    ...(fixture.extrasBesideHologram ? { hologram: model, ...extras } : { hologram: { ...model, ...extras } }),
    additionalData: { ...Object.fromEntries(formats), ...(entry.tags ? { tags: entry.tags } : {}) },
  };
}

function notFound(): Reply {
  return { status: 404, body: Buffer.from('Data not found') };
}
