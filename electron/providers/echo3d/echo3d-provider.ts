import type { BrowseChoice, BrowseEntry } from '../../../shared/accounts';
import { CREDENTIALS_REFUSED } from '../../../shared/credentials-refusal';
import { FerryError } from '../../../shared/errors';
import { platforms } from '../../../shared/platforms';
import type { DownloadSpec } from '../../engine/download-spec';
import { accountKey } from '../account-throttle';
import type { ExpandedRef, Provider, ProviderAccount } from '../provider';
import { callApi, excerpt } from '../provider-http';
import { unknownParameterProblem } from '../ref-parameters';
import { unpackWhenAsked } from '../unpack-when-asked';
import { type CollectionEntry, type EntryExtras, readCollection } from './echo3d-collection';

export const ECHO3D_API = 'https://api.echo3D.com';
/** Conversions hold the request open while they run: five minutes and more for large models. */
const CONVERSION_WAIT_MS = 15 * 60_000;

interface Echo3dRef {
  kind: 'file' | 'entry';
  id: string;
  format?: string;
  convert: boolean;
  /** entry: the model with its textures and material. */
  allFiles: boolean;
  /** file: the name the entry gives it, used when the server sends none. */
  name?: string;
}

/**
 * echo3D (seeds/echo3d-download.md): `echo3d:file/<storageId>` is a GET on
 * /query with the file's storage id; `echo3d:entry/<entryId>[?format=glb][&convert=true]`
 * is a POST on /download that answers 302 to the file, after a conversion if asked.
 * Credentials travel as query or form fields, which is why every log is redacted.
 */
export const echo3dProvider: Provider = {
  id: 'echo3d',
  recognizes: (ref) => ref.trim().toLowerCase().startsWith('echo3d:'),
  refProblem: echo3dRefProblem,
  describe(ref) {
    const parsed = parseEcho3dRef(ref) as Echo3dRef;
    if (parsed.kind === 'file') return { kind: 'file' };
    return { kind: parsed.allFiles ? 'entry-files' : 'entry', format: parsed.format ?? null };
  },
  // Signed by query or form fields: nothing to ask the platform before the transfer.
  async resolve(ref, { account }) {
    const parsed = parseEcho3dRef(ref) as Echo3dRef;
    const auth = authFields(account as ProviderAccount);
    const base = (account?.baseUrl ?? ECHO3D_API).replace(/\/+$/, '');
    if (parsed.kind === 'file') return { ...fileSpec(base, auth, parsed.id), suggestedName: parsed.name };
    return entrySpec(base, auth, parsed);
  },
  // Models are often uploaded as ZIPs of a mesh with its textures.
  postProcess: unpackWhenAsked,
  async expand(ref, account) {
    const parsed = parseEcho3dRef(ref);
    if (!parsed?.allFiles) return null;
    return entryFiles(account(), parsed.id);
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
      return `echo3D ${CREDENTIALS_REFUSED} ${account} (HTTP ${status}). ${platforms.echo3d.credentialsHelp}`;
    }
    if (status === 404)
      return 'echo3D has no such file or entry (HTTP 404). Check the id in the echo3D console, then retry.';
    return undefined;
  },
};

type NamedFile = [storageId: string, name: string | undefined];

/** The entry's textures and material, read inside `hologram` first; each list keeps its ids and names together. */
function extraFiles(entry: CollectionEntry): { textures: NamedFile[]; material: NamedFile | null } {
  const inside: EntryExtras = entry.hologram ?? {};
  const textureSource = inside.textureStorageIDs?.length ? inside : entry;
  const materialSource = inside.materialStorageID ? inside : entry;
  const textures = (textureSource.textureStorageIDs ?? [])
    .map((id, i): NamedFile => [id, textureSource.textureFilenames?.[i]])
    .filter(([id]) => Boolean(id));
  const material = materialSource.materialStorageID
    ? ([materialSource.materialStorageID, materialSource.materialFilename] as NamedFile)
    : null;
  return { textures, material };
}

/** An entry's model, textures and material as one file ref each, kept together in a folder named after the model. */
async function entryFiles(account: ProviderAccount, entryId: string): Promise<ExpandedRef[]> {
  const db = await query(account, { entry: entryId });
  const entry = db.get(entryId);
  if (!entry?.hologram?.storageID)
    throw new FerryError(
      'not_found',
      `echo3D has no entry ${entryId} in this collection. Check the id in the echo3D console.`,
    );
  const { textures, material } = extraFiles(entry);
  const files: NamedFile[] = [[entry.hologram.storageID, entry.hologram.filename], ...textures];
  if (material) files.push(material);
  const folder = (entry.hologram.filename ?? entryId).replace(/\.[^.]+$/, '');
  return files.map(([storageId, name]) => ({
    ref: `echo3d:file/${storageId}${name ? `?${new URLSearchParams({ name })}` : ''}`,
    folder,
  }));
}

/** GET /query without a file: the collection (or one entry) as JSON, `db` keyed by entry id. */
async function query(
  account: ProviderAccount,
  extra: Record<string, string> = {},
): Promise<Map<string, CollectionEntry>> {
  const base = (account.baseUrl ?? ECHO3D_API).replace(/\/+$/, '');
  const { status, text } = await callApi(`${base}/query?${new URLSearchParams({ ...authFields(account), ...extra })}`, {
    platform: 'echo3D',
    provider: 'echo3d',
    accountKey: accountKey('echo3d', account),
  });
  if (status !== 200) {
    const explained = echo3dProvider.explainStatus?.(status, account.label);
    throw new FerryError('provider', explained ?? unexpected(status, text), {
      provider: 'echo3d',
    });
  }
  const collection = readCollection(text);
  if (collection) return collection;
  throw new FerryError('provider', 'echo3D sent a collection Ferry could not read. Try again later.', {
    provider: 'echo3d',
  });
}

function unexpected(status: number, text: string): string {
  const said = text.trim() ? ` ("${excerpt(text)}")` : '';
  return `echo3D answered HTTP ${status}${said}, which Ferry does not expect from it. Check the account's base URL in Accounts, then try again.`;
}

async function collection(account: ProviderAccount): Promise<BrowseEntry[]> {
  return [...(await query(account))].map(([id, entry]) => toBrowseEntry(id, entry));
}

function toBrowseEntry(id: string, entry: CollectionEntry): BrowseEntry {
  const name = entry.hologram?.filename ?? id;
  const type = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? 'unknown';
  const converted = Object.entries(entry.additionalData ?? {})
    .filter(([key, value]) => /^[a-z0-9]+HologramStorageID$/i.test(key) && typeof value === 'string' && value !== '')
    .map(([key]) => key.replace(/HologramStorageID$/i, '').toLowerCase());
  const formats = [...new Set([type, ...converted])].filter((format) => format !== 'unknown');
  const tags = entry.additionalData?.tags;
  const extras = extraFiles(entry);
  const textures = extras.textures.length;
  const withExtras = textures > 0 || extras.material !== null;
  return {
    ref: `echo3d:entry/${id}`,
    name,
    type,
    formats,
    tags:
      typeof tags === 'string'
        ? tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean)
        : [],
    detail:
      textures === 0
        ? type.toUpperCase()
        : `${type.toUpperCase()} · ${textures} ${textures === 1 ? 'texture' : 'textures'}`,
    choices: browseChoices(`echo3d:entry/${id}`, type, formats, withExtras),
  };
}

/** The original, every version echo3D already has, a GLB conversion when there is none, and the whole entry. */
function browseChoices(ref: string, type: string, formats: string[], withExtras: boolean): BrowseChoice[] {
  const choices = [{ label: type === 'unknown' ? 'Original' : `Original (${type.toUpperCase()})`, ref }];
  for (const format of formats.filter((candidate) => candidate !== type)) {
    choices.push({ label: format.toUpperCase(), ref: `${ref}?format=${format}` });
  }
  if (!formats.includes('glb')) choices.push({ label: 'Convert to GLB', ref: `${ref}?format=glb&convert=true` });
  if (withExtras) choices.push({ label: 'With textures', ref: `${ref}?files=all` });
  return choices;
}

const ECHO3D_REF = /^echo3d:(file|entry)\/([A-Za-z0-9._-]+)(?:\?(.*))?$/i;
/** `name` is what Browse writes on a file ref: the name the entry gives it. */
const echo3dParameters = { file: ['name'], entry: ['format', 'convert', 'files'] };

function echo3dRefProblem(ref: string): string | null {
  const match = ECHO3D_REF.exec(ref.trim());
  const kind = match?.[1]?.toLowerCase() as 'file' | 'entry' | undefined;
  const unknown = kind && unknownParameterProblem(`echo3d:${kind}`, match?.[3] ?? '', echo3dParameters[kind]);
  if (unknown) return unknown;
  if (parseEcho3dRef(ref)) return null;
  return `"${ref.slice(0, 200)}" is not an echo3D ref: use echo3d:file/<storageId> or echo3d:entry/<entryId>[?format=glb][&convert=true].`;
}

export function parseEcho3dRef(ref: string): Echo3dRef | null {
  const match = ECHO3D_REF.exec(ref.trim());
  if (!match) return null;
  const options = new URLSearchParams(match[3] ?? '');
  const format = options.get('format') ?? undefined;
  if (format !== undefined && !/^[A-Za-z0-9]{1,10}$/.test(format)) return null;
  const kind = match[1]?.toLowerCase() as 'file' | 'entry';
  const allFiles = options.get('files') === 'all';
  if (kind === 'file' && (format || options.has('convert') || allFiles)) return null;
  if (kind === 'entry' && (options.has('name') || (allFiles && format))) return null;
  return {
    kind,
    id: match[2] as string,
    format,
    convert: options.get('convert') === 'true',
    allFiles,
    name: options.get('name') ?? undefined,
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
    waitingFor: ref.convert ? conversionReason(ref.format) : undefined,
  };
}

/** What the row says while echo3D converts: the format it makes, when the ref names one. */
export function conversionReason(format: string | undefined): string {
  return format ? `converting to ${format.toUpperCase()}` : 'converting the model';
}
