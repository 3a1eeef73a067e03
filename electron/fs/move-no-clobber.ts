import { link, lstat, mkdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { numberedName } from '../engine/file-name';
import { failpoint } from '../failpoint';
import { fsyncCoalesced } from './coalesced-fsync';

/**
 * Moves a file to `to` only if nothing is there; false when something is.
 * A hard link fails if the target exists, which makes the move atomic; rename
 * is the fallback where links are missing.
 */
export async function moveFileNoClobber(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    await unlink(from);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
  }
  // lstat: a dangling symbolic link is something there too, and must not be replaced.
  if (
    await lstat(to).then(
      () => true,
      () => false,
    )
  )
    return false;
  await rename(from, to);
  return true;
}

/**
 * Moves a folder to `to` only if nothing is there. Creating the target first
 * claims the name atomically; renaming a folder onto an empty one then
 * replaces it (Windows refuses that, so the claim is let go just before).
 */
export async function moveFolderNoClobber(from: string, to: string): Promise<boolean> {
  try {
    await mkdir(to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  failpoint('folder-claimed');
  try {
    await rename(from, to);
  } catch (error) {
    await rmdir(to);
    if (process.platform !== 'win32') throw error;
    await rename(from, to);
  }
  return true;
}

/**
 * Moves a file or folder into `directory` as `name`, or `name (1)`, `name (2)`… when the name is taken: nothing is
 * ever replaced. `beforeMove` hears each name just before the move to it is tried, and the move waits for it, so a
 * caller can record where the result goes before a crash could leave it there unrecorded.
 */
export async function moveToFreeName(
  from: string,
  directory: string,
  name: string,
  beforeMove?: (to: string) => void | Promise<void>,
): Promise<string> {
  const isFolder = (await stat(from)).isDirectory();
  for (let n = 0; ; n++) {
    const to = join(directory, n === 0 ? name : numberedName(name, n));
    if (await exists(to)) continue;
    await beforeMove?.(to);
    if (isFolder ? await moveFolderNoClobber(from, to) : await moveFileNoClobber(from, to)) {
      await syncFolder(directory);
      return to;
    }
  }
}

/**
 * Makes a rename in the folder durable: without it a crash can undo the move.
 * Renames finishing together in one folder share their syncs.
 */
export function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return Promise.resolve();
  return fsyncCoalesced(folder);
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
