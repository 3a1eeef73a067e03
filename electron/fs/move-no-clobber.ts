import { link, lstat, mkdir, open, rename, rmdir, stat, unlink } from 'node:fs/promises';

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
  try {
    await rename(from, to);
  } catch (error) {
    await rmdir(to);
    if (process.platform !== 'win32') throw error;
    await rename(from, to);
  }
  return true;
}

interface FolderSync {
  running: Promise<void>;
  /** The sync after it, shared by every caller who asked while it ran. */
  next: Promise<void> | null;
}

const folderSyncs = new Map<string, FolderSync>();
const ignore = () => undefined;

/**
 * Makes a rename in the folder durable: without it a crash can undo the move.
 * Sixteen small files finishing together in one folder need one sync, not
 * sixteen: a caller joins the next sync to start (one already running may
 * have begun before its rename), which every caller meanwhile shares.
 */
export function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return Promise.resolve();
  const current = folderSyncs.get(folder);
  if (!current) return startFolderSync(folder);
  current.next ??= current.running.then(ignore, ignore).then(() => startFolderSync(folder));
  return current.next;
}

function startFolderSync(folder: string): Promise<void> {
  const sync: FolderSync = { running: flushFolder(folder), next: null };
  folderSyncs.set(folder, sync);
  sync.running.then(ignore, ignore).then(() => {
    if (folderSyncs.get(folder) === sync && sync.next === null) folderSyncs.delete(folder);
  });
  return sync.running;
}

async function flushFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  await handle.sync().finally(() => handle.close());
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
