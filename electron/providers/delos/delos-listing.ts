import { extension } from 'mime-types';
import type { BrowseEntry } from '../../../shared/accounts';
import { FerryError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format';
import type { ProviderAccount } from '../provider';
import { callDelos, classifyRefusal, delosFailed, delosSaid } from './delos-api';
import { formatDelosRef } from './delos-ref';
import { signsInWithLogin, withAccessToken } from './delos-tokens';

const PAGE_SIZE = 100;
/** A server that ignores the page number would otherwise be read forever. */
const MAX_PAGES = 1000;
const TEST_PAGE_SIZE = 20;

/** One file as the listing describes it; the seed does not say which names Delos uses, so the common ones are read. */
type ListedFile = Record<string, unknown>;

/** Every file of the account (its customer's, when it names one), for the picker: pages until a short one. */
export async function browseDelos(account: ProviderAccount): Promise<BrowseEntry[]> {
  const entries: BrowseEntry[] = [];
  const seen = new Set<string>();
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const files = await listPage(account, page, PAGE_SIZE);
    const fresh = files.map((file) => toBrowseEntry(file, account)).filter((entry) => entry && !seen.has(entry.ref));
    for (const entry of fresh as BrowseEntry[]) {
      seen.add(entry.ref);
      entries.push(entry);
    }
    if (files.length < PAGE_SIZE || fresh.length === 0) break;
  }
  return entries;
}

/** Signs in (or uses the token) and lists one page, saying what it found. */
export async function testDelos(account: ProviderAccount): Promise<string> {
  const files = await listPage(account, 1, TEST_PAGE_SIZE);
  const who = signsInWithLogin(account)
    ? `Signed in to Delos as ${account.credentials.login}`
    : 'Delos accepted the token';
  const customer = account.credentials.customerId ? ` for customer ${account.credentials.customerId}` : '';
  const found =
    files.length === 0
      ? 'no files in storage yet'
      : files.length < TEST_PAGE_SIZE
        ? `${files.length} ${files.length === 1 ? 'file' : 'files'} in storage`
        : `${TEST_PAGE_SIZE} files or more in storage (Browse in Accounts, or ferry accounts browse ${account.label}, lists them all)`;
  return `${who}${customer}: ${found}.`;
}

/** GET /v2/storage/file?customerId=&meta.page=&meta.pageSize= (pages count from 1). */
async function listPage(account: ProviderAccount, page: number, pageSize: number): Promise<ListedFile[]> {
  const query = new URLSearchParams();
  if (account.credentials.customerId) query.set('customerId', account.credentials.customerId);
  query.set('meta.page', String(page));
  query.set('meta.pageSize', String(pageSize));
  const { files } = await withAccessToken<{ files: ListedFile[] }>(
    account,
    new AbortController().signal,
    async (token) => {
      const answer = await callDelos(account, `/v2/storage/file?${query}`, {
        headers: { authorization: token, accept: 'application/json' },
      });
      if (answer.status >= 200 && answer.status < 300) return { files: readFiles(answer.text) };
      const said = delosSaid(answer.text);
      if (classifyRefusal(answer.status, said) === 'unauthorized') return { unauthorized: said };
      throw delosFailed(`list the files of "${account.label}"`, answer);
    },
  );
  return files;
}

/** A bare array, or one under `data` or `items` (also one level down, as in `{data: {items}}`). */
function readFiles(text: string): ListedFile[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const list = listIn(parsed) ?? listIn((parsed as { data?: unknown } | undefined)?.data);
  if (!list) {
    throw new FerryError(
      'provider',
      'Delos answered the file list with something Ferry cannot read. Check that the account’s base URL is your Delos API’s address, then try again.',
      { provider: 'delos' },
    );
  }
  return list.filter((file): file is ListedFile => typeof file === 'object' && file !== null);
}

function listIn(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  const { data, items } = (value ?? {}) as { data?: unknown; items?: unknown };
  if (Array.isArray(data)) return data;
  return Array.isArray(items) ? items : undefined;
}

function toBrowseEntry(file: ListedFile, account: ProviderAccount): BrowseEntry | null {
  const id = text(file.id) ?? text(file.fileId) ?? text(file._id);
  if (!id) return null;
  const name = text(file.name) ?? text(file.fileName) ?? text(file.filename) ?? text(file.originalName) ?? id;
  const contentType = text(file.contentType) ?? text(file.mimeType);
  const type =
    /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase() || (contentType && extension(contentType)) || 'file';
  const size = typeof file.size === 'number' ? formatBytes(file.size) : undefined;
  const customer = text(file.customerId);
  const ref = formatDelosRef({
    fileId: id,
    customerId: customer && customer !== account.credentials.customerId ? customer : undefined,
  });
  return {
    ref,
    name,
    type,
    formats: [],
    tags: Array.isArray(file.tags) ? file.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    detail: [type.toUpperCase(), size, customer ? `customer ${customer}` : undefined].filter(Boolean).join(' · '),
    choices: [{ label: 'Download', ref }],
  };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
