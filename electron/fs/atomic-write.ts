import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `file` so that a crash at any moment leaves either the old or the
 * new content, never a torn mix: write a sibling, fsync it, rename over, fsync
 * the folder so the rename itself is durable.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // Exclusive: a link planted at the sibling's name fails the open instead of being written through.
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // The new content is in place; a folder that cannot be synced only makes the
  // rename less durable, which is no reason to report the save as failed.
  await syncFolder(dirname(file)).catch(() => undefined);
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename instead.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
