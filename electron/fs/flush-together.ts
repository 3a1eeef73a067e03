import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { limitFunction } from 'p-limit';

const run = promisify(execFile);

/** Below this many files, flushing each is cheaper than starting a process. */
const TOGETHER_FROM = 32;
/** Each flush is an open, a sync and a close on libuv's threads: a few at once keep them all busy. */
const PARALLEL_FLUSHES = 16;

/**
 * Makes files just written durable, all of them before it resolves. Linux
 * flushes a whole file system in one call (syncfs, which coreutils' `sync
 * --file-system` makes): for a thousand small files that costs a third of
 * flushing each, and a batch of a thousand textures is what Scenario sends.
 * Elsewhere, for a few files, or when that fails, each file is flushed.
 * `files` must all lie on one file system.
 */
export async function flushTogether(files: readonly string[]): Promise<void> {
  const [first] = files;
  if (first === undefined) return;
  if (files.length >= TOGETHER_FROM && process.platform === 'linux' && (await syncFileSystem(dirname(first)))) return;
  await Promise.all(files.map((file) => flushOne(file)));
}

async function syncFileSystem(path: string): Promise<boolean> {
  try {
    await run('sync', ['--file-system', path]);
    return true;
  } catch {
    return false;
  }
}

/** Windows flushes only what is open for writing. */
const flushOne = limitFunction(
  async (file: string) => {
    const handle = await open(file, 'r+');
    await handle.sync().finally(() => handle.close());
  },
  { concurrency: PARALLEL_FLUSHES },
);
