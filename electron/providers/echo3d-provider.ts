import { FerryError } from '../../shared/errors';
import type { DownloadSpec } from '../engine/download-spec';
import type { BrowseEntry, Provider, ProviderAccount } from './provider';
import { callApi } from './provider-http';

export const ECHO3D_API = 'https://api.echo3D.com';
/** Conversions hold the request open while they run: five minutes and more for large models. */
const CONVERSION_WAIT_MS = 15 * 60_000;

interface Echo3dRef {
  kind: 'file' | 'entry';
  id: string;
  format?: string;
  convert: boolean;
}

/**
 * echo3D (seeds/echo3d-download.md): `echo3d:file/<storageId>` is a GET on
 * /query with the file's storage id; `echo3d:entry/<entryId>[?format=glb][&convert=true]`
 * is a POST on /download that answers 302 to the file, after a conversion if asked.
 * Credentials travel as query or form fields, which is why every log is redacted.
 */
export const echo3dProvider: Provider = {
  id: 'echo3d',
  needsAccount: true,
  recognizes: (ref) => ref.trim().toLowerCase().startsWith('echo3d:'),
  refProblem: (ref) =>
    parseEcho3dRef(ref)
      ? null
      : `"${ref.slice(0, 200)}" is not an echo3D ref: use echo3d:file/<storageId> or echo3d:entry/<entryId>[?format=glb][&convert=true].`,
  resolve(ref, account) {
    const parsed = parseEcho3dRef(ref) as Echo3dRef;
    const auth = authFields(account as ProviderAccount);
    const base = (account?.baseUrl ?? ECHO3D_API).replace(/\/+$/, '');
    return parsed.kind === 'file' ? fileSpec(base, auth, parsed.id) : entrySpec(base, auth, parsed);
  },
  async test(account) {
    const entries = await collection(account);
    return `Signed in to echo3D as ${account.credentials.email ?? 'this account'}: ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} in the collection.`;
  },
  browse: collection,
  // echo3D answers "400 Invalid request!" for wrong keys and "404 Data not found" for a missing file or entry.
  explainStatus(status, accountLabel) {
    const account = accountLabel ? `"${accountLabel}"` : 'the account';
    if (status === 400 || status === 401 || status === 403) {
      return `echo3D refused the credentials of ${account} (HTTP ${status}). Check its key, email and user key (and secret key if the collection uses one) with ferry accounts ls, then retry.`;
    }
    if (status === 404)
      return 'echo3D has no such file or entry (HTTP 404). Check the id in the echo3D console, then retry.';
    return undefined;
  },
};

interface CollectionEntry {
  hologram?: { filename?: string; storageID?: string };
  textureFilenames?: string[];
}

/** GET /query without a file: the collection as JSON, `db` keyed by entry id. */
async function collection(account: ProviderAccount): Promise<BrowseEntry[]> {
  const base = (account.baseUrl ?? ECHO3D_API).replace(/\/+$/, '');
  const { status, text } = await callApi(`${base}/query?${new URLSearchParams(authFields(account))}`);
  if (status !== 200) {
    const explained = echo3dProvider.explainStatus?.(status, account.label);
    throw new FerryError('echo3d', explained ?? `echo3D answered HTTP ${status}: ${text.slice(0, 200)}`);
  }
  let db: Record<string, CollectionEntry>;
  try {
    db = (JSON.parse(text) as { db?: Record<string, CollectionEntry> }).db ?? {};
  } catch {
    throw new FerryError('echo3d', 'echo3D sent a collection Ferry could not read. Try again later.');
  }
  return Object.entries(db).map(([id, entry]) => ({
    ref: `echo3d:entry/${id}`,
    name: entry.hologram?.filename ?? id,
    detail: `${entry.textureFilenames?.length ?? 0} textures`,
  }));
}

export function parseEcho3dRef(ref: string): Echo3dRef | null {
  const match = /^echo3d:(file|entry)\/([A-Za-z0-9._-]+)(?:\?(.*))?$/i.exec(ref.trim());
  if (!match) return null;
  const options = new URLSearchParams(match[3] ?? '');
  const format = options.get('format') ?? undefined;
  if (format !== undefined && !/^[A-Za-z0-9]{1,10}$/.test(format)) return null;
  if (match[1]?.toLowerCase() === 'file' && (format || options.has('convert'))) return null;
  return {
    kind: match[1]?.toLowerCase() as 'file' | 'entry',
    id: match[2] as string,
    format,
    convert: options.get('convert') === 'true',
  };
}

function authFields(account: ProviderAccount): Record<string, string> {
  const { key = '', email = '', userKey = '', secKey } = account.credentials;
  return secKey ? { key, email, userKey, secKey } : { key, email, userKey };
}

function fileSpec(base: string, auth: Record<string, string>, storageId: string): DownloadSpec {
  const query = new URLSearchParams({ ...auth, file: storageId });
  return { url: `${base}/query?${query}` };
}

function entrySpec(base: string, auth: Record<string, string>, ref: Echo3dRef): DownloadSpec {
  const form = new URLSearchParams({ ...auth, entryId: ref.id });
  if (ref.format) form.set('fileFormat', ref.format);
  if (ref.convert) form.set('convertMissing', 'true');
  return {
    method: 'POST',
    url: `${base}/download`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    firstByteTimeoutMs: ref.convert ? CONVERSION_WAIT_MS : undefined,
  };
}
