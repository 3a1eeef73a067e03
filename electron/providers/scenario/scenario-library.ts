import { extension as mimeExtension } from 'mime-types';
import type { BrowseChoice, BrowseEntry } from '../../../shared/accounts';
import type { ProviderAccount } from '../provider';
import { expectOk, scenarioCall, scenarioError } from './scenario-api';

const PAGE_SIZE = 100;

/** What Scenario converts each kind of asset to, for the picker's buttons. */
const RASTER = ['png', 'jpeg', 'webp', 'avif', 'tiff'];
const MODELS = ['glb', 'fbx', 'obj'];
const SAME_FORMAT: Record<string, string> = { jpg: 'jpeg', tif: 'tiff' };

interface AssetPage {
  assets: Record<string, unknown>[];
  next: string | null;
}

/** GET /assets, page after page, until Scenario sends no next pagination token. */
export async function listAssets(account: ProviderAccount): Promise<BrowseEntry[]> {
  const entries: BrowseEntry[] = [];
  const seen = new Set<string>();
  let token: string | null = null;
  do {
    const page: AssetPage = await assetPage(account, PAGE_SIZE, token);
    entries.push(...page.assets.map(toBrowseEntry).filter((entry): entry is BrowseEntry => entry !== null));
    // A token seen before would loop for ever: the listing ends there.
    token = page.next !== null && !seen.has(page.next) ? page.next : null;
    if (token) seen.add(token);
  } while (token);
  return entries;
}

/** `ferry accounts test`: one asset is enough to know the key works and what the library holds. */
export async function testAccount(account: ProviderAccount): Promise<string> {
  const { assets, next } = await assetPage(account, 1, null);
  const project = account.credentials.projectId ? ` in project ${account.credentials.projectId}` : '';
  const signedIn = `Signed in to Scenario as "${account.label}"${project}`;
  const first = assets[0] ? toBrowseEntry(assets[0]) : null;
  if (!first) return `${signedIn}: no assets yet.`;
  return `${signedIn}: ${next ? 'assets' : '1 asset'} in the library, the first "${first.name}"${next ? ' and more' : ''}.`;
}

async function assetPage(account: ProviderAccount, pageSize: number, token: string | null): Promise<AssetPage> {
  const query: Record<string, string> = { pageSize: String(pageSize), ...(token ? { paginationToken: token } : {}) };
  const body = expectOk(await scenarioCall(account, '/assets', { query }), account, 'asset list');
  const fields = (Array.isArray(body) ? { assets: body } : body) as Record<string, unknown>;
  const list = [fields.assets, fields.items, fields.data].find(Array.isArray);
  if (!list) throw scenarioError('Scenario sent an asset list Ferry could not read. Try again later.');
  const next = fields.nextPaginationToken;
  return {
    assets: list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null),
    next: typeof next === 'string' && next !== '' ? next : null,
  };
}

/** Lenient about field names: Scenario's listing has changed shape over time. */
function toBrowseEntry(asset: Record<string, unknown>): BrowseEntry | null {
  const metadata = (typeof asset.metadata === 'object' && asset.metadata !== null ? asset.metadata : {}) as Record<
    string,
    unknown
  >;
  const text = (...values: unknown[]) => values.find((value): value is string => typeof value === 'string' && !!value);
  const id = text(asset.id, asset.assetId);
  if (!id) return null;
  const mimeType = text(asset.mimeType, metadata.mimeType, asset.contentType) ?? '';
  const kind = text(metadata.kind, asset.kind) ?? '';
  const type = formatOf(mimeType) ?? 'unknown';
  const prompt = text(metadata.prompt, asset.prompt);
  const name = text(metadata.name, asset.name, asset.fileName, asset.filename) ?? prompt?.slice(0, 80) ?? id;
  const ref = `scenario:asset/${id}`;
  return {
    ref,
    name,
    type,
    formats: type === 'unknown' ? [] : [type],
    tags: tagsOf(asset.tags ?? metadata.tags),
    detail: detailOf(type, kind, metadata),
    choices: choicesFor(ref, type, mimeType, kind),
  };
}

function formatOf(mimeType: string): string | undefined {
  const known = mimeType ? mimeExtension(mimeType) : false;
  return known ? (SAME_FORMAT[known] ?? known) : undefined;
}

function tagsOf(tags: unknown): string[] {
  const list = typeof tags === 'string' ? tags.split(',') : Array.isArray(tags) ? tags : [];
  return list.filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '').map((tag) => tag.trim());
}

function detailOf(type: string, kind: string, metadata: Record<string, unknown>): string {
  const parts = [type === 'unknown' ? kind || 'asset' : type.toUpperCase()];
  if (typeof metadata.width === 'number' && typeof metadata.height === 'number') {
    parts.push(`${metadata.width}×${metadata.height}`);
  }
  if (kind && type !== 'unknown') parts.push(kind);
  return parts.join(' · ');
}

/** The asset as it is, then each format Scenario converts this kind of asset to. */
function choicesFor(ref: string, type: string, mimeType: string, kind: string): BrowseChoice[] {
  const choices = [{ label: type === 'unknown' ? 'Original' : `Original (${type.toUpperCase()})`, ref }];
  const model = mimeType.startsWith('model/') || ['3d', 'model'].includes(kind.toLowerCase());
  const targets = model ? MODELS : mimeType.startsWith('image/') ? (type === 'svg' ? ['png'] : RASTER) : [];
  for (const format of targets.filter((candidate) => candidate !== type)) {
    choices.push({ label: format.toUpperCase(), ref: `${ref}?format=${format}` });
  }
  return choices;
}
