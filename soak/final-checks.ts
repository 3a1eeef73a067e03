import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { contentKey, contentSha256 } from './content';
import type { PlannedDownload } from './workload';

export interface ListedDownload {
  id: number;
  ref: string;
  status: string;
  path: string | null;
  error: { code: string; message: string } | null;
}

export interface CheckInput {
  seed: number;
  plan: PlannedDownload[];
  listed: ListedDownload[];
  refOf: (download: PlannedDownload) => string;
  /** The file's version on its server at the end (direct links may change). */
  versionOf: (download: PlannedDownload) => number;
  destinationOf: (download: PlannedDownload) => string;
  root: string;
  profile: string;
}

export interface CheckOutcome {
  done: number;
  failuresByReason: Map<string, number>;
  /** Everything that broke a rule, one sentence each: empty means the soak passed. */
  problems: string[];
}

/** What the issue asks of the end state: right files, right reasons, no leftovers, a sound library. */
export async function checkEndState(input: CheckInput): Promise<CheckOutcome> {
  const outcome: CheckOutcome = { done: 0, failuresByReason: new Map(), problems: [] };
  const byRef = new Map(input.listed.map((row) => [row.ref, row]));
  const finishedPaths = new Set<string>();
  for (const download of input.plan) {
    const row = byRef.get(input.refOf(download));
    if (!row) {
      outcome.problems.push(`${download.id}: not in the library`);
      continue;
    }
    if (row.status === 'failed') {
      const code = row.error?.code ?? 'none';
      outcome.failuresByReason.set(code, (outcome.failuresByReason.get(code) ?? 0) + 1);
    }
    const problem = await checkOne(input, download, row);
    if (problem) outcome.problems.push(`${download.id} (library id ${row.id}): ${problem}`);
    if (row.status === 'done' && row.path) {
      outcome.done += 1;
      finishedPaths.add(row.path);
    }
  }
  outcome.problems.push(...(await strayFiles(input, finishedPaths)), ...integrityProblems(input.profile));
  return outcome;
}

async function checkOne(input: CheckInput, download: PlannedDownload, row: ListedDownload): Promise<string | null> {
  if (download.gone) {
    if (row.status !== 'failed') return `the server answers 404 for good, yet it is ${row.status}`;
    return row.error?.code === 'http_4xx' ? null : `failed as ${row.error?.code}, not http_4xx: ${row.error?.message}`;
  }
  if (row.status !== 'done') return `${row.status}${row.error ? ` (${row.error.code}: ${row.error.message})` : ''}`;
  const expectedPath = join(input.destinationOf(download), download.name);
  if (row.path !== expectedPath) return `saved as ${row.path}, not ${expectedPath}`;
  const size = (await stat(expectedPath).catch(() => null))?.size;
  if (size !== download.size) return `the file holds ${size ?? 'no'} bytes, not ${download.size}`;
  const expected = contentSha256(contentKey(input.seed, download.id, input.versionOf(download)), download.size);
  if ((await sha256OfFile(expectedPath)) !== expected) return 'the file differs from what the server serves';
  return null;
}

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** Every file under the downloads folder is a finished download's, in its own folder; no `.part` outlives its item. */
async function strayFiles(input: CheckInput, finishedPaths: Set<string>): Promise<string[]> {
  const problems: string[] = [];
  const downloads = join(input.root, 'downloads');
  for (const entry of await readdir(downloads, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const path = join(entry.parentPath, entry.name);
    if (finishedPaths.has(path)) continue;
    const kind = entry.name.endsWith('.part') ? 'a part file' : 'a file';
    const owner = finishedPaths.has(path.replace(/\.part$/, '')) ? ' of a finished download' : '';
    problems.push(`${kind}${owner} no download owns: ${relative(input.root, path)}`);
  }
  for (const entry of await readdir(input.root, { withFileTypes: true })) {
    if (!['downloads', 'profile', 'refs', 'home', 'tmp'].includes(entry.name))
      problems.push(`unexpected ${entry.name} in the soak folder`);
  }
  return problems;
}

function integrityProblems(profile: string): string[] {
  const database = new DatabaseSync(join(profile, 'ferry.db'), { readOnly: true });
  try {
    const rows = database.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>;
    const verdict = rows.map((row) => row.integrity_check).join('; ');
    return verdict === 'ok' ? [] : [`PRAGMA integrity_check: ${verdict}`];
  } finally {
    database.close();
  }
}
