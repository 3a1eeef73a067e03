import { basename, dirname, isAbsolute, relative, sep } from 'node:path';
import type { Account } from '../../shared/accounts';
import { downloadErrorTitles } from '../../shared/download-errors';
import type { Download } from '../../shared/downloads';
import { accountFieldsOf, platforms } from '../../shared/platforms';
import type { Queue } from '../../shared/queues';
import type { RevealTarget } from '../../shared/reveal';

/** A notification to show, and what clicking it brings into view. */
export interface Notice {
  title: string;
  body: string;
  target: RevealTarget;
}

/** What was saved: the unpacked folder or file when there is one, else the file itself. */
function savedAs(download: Download): string | null {
  return download.unpackedTo ?? download.path;
}

function nameOf(download: Download): string {
  const saved = savedAs(download);
  return saved ? basename(saved) : (download.name ?? download.ref);
}

export function finishedNotice(finished: Download[], downloadDir: string): Notice {
  const [first] = finished;
  const newest = finished.at(-1) ?? first;
  if (!first || !newest) throw new Error('A finished notice needs at least one download.');
  const target = { kind: 'download', id: newest.id } as const;
  if (finished.length === 1) {
    const title = first.unpackedTo ? 'Download finished and unpacked' : 'Download finished';
    return { title, body: nameOf(first), target };
  }
  return {
    title: 'Downloads finished',
    body: `${finished.length} files downloaded ${where(finished, downloadDir)}`,
    target,
  };
}

/** The folder they share, named from the download folder ("to echo3D/Skyscraper"), as a person filed them. */
function where(finished: Download[], downloadDir: string): string {
  const folders = finished.map((download) => dirname(savedAs(download) ?? download.directory));
  const common = folders.reduce(commonFolder);
  if (common === '') return 'to several folders';
  const inside = relative(downloadDir, common);
  if (inside === '') return `to ${basename(downloadDir) || downloadDir}`;
  return inside.startsWith('..') || isAbsolute(inside) ? `to ${common}` : `to ${inside.split(sep).join('/')}`;
}

function commonFolder(a: string, b: string): string {
  const left = a.split(sep);
  const right = b.split(sep);
  let shared = 0;
  while (shared < left.length && left[shared] === right[shared]) shared += 1;
  return left.slice(0, shared).join(sep) || (shared > 0 ? sep : '');
}

export function failedNotice(failed: Download[]): Notice {
  const [first] = failed;
  const newest = failed.at(-1) ?? first;
  if (!first || !newest) throw new Error('A failed notice needs at least one download.');
  const reasons = [...new Set(failed.map((download) => downloadErrorTitles[download.error?.code ?? 'provider']))];
  const target = { kind: 'download', id: newest.id } as const;
  if (failed.length === 1)
    return { title: `Download failed: ${nameOf(first)}`, body: `${reasons[0]}. Retry it from Ferry's list.`, target };
  return {
    title: `${failed.length} downloads failed`,
    body: `${reasons.join('; ')}. Retry them from Ferry's list.`,
    target,
  };
}

export function queueDoneNotice(queue: Queue, finishedCount: number): Notice {
  const files = finishedCount === 1 ? '1 file' : `${finishedCount} files`;
  return {
    title: `Queue "${queue.name}" is done`,
    body: `${files} downloaded; nothing in it is left to fetch.`,
    target: { kind: 'queue', id: queue.id },
  };
}

/** Worded like the account's card in Accounts: a token-only account is told its token expired. */
export function accountNotice(account: Account): Notice {
  const platform = platforms[account.provider].displayName;
  const secrets = accountFieldsOf(account.provider).filter(
    (field) => field.secret && account.fields[field.name] !== undefined,
  );
  const tokenOnly = secrets.length === 1 && secrets[0]?.name === 'token';
  return {
    title: tokenOnly ? `${platform} token expired` : `${platform} refused the credentials`,
    body: tokenOnly
      ? `The account "${account.label}" needs a new token: open it in Accounts and paste one, then retry its downloads.`
      : `The account "${account.label}" needs new credentials: open it in Accounts to replace them, then retry its downloads.`,
    target: { kind: 'account', id: account.id },
  };
}
