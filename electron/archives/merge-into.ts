import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { numberedName } from '../engine/file-name';
import { moveFileNoClobber, moveFolderNoClobber, syncFolder } from '../fs/move-no-clobber';
import { sameBytes } from '../fs/same-bytes';
import { UnpackError } from './archive-entry';

/**
 * Moves what the staging folder holds into `destination` at the same relative
 * paths, the way `unzip -d` lays an archive out, merging with folders already
 * there. Nothing is overwritten: a file already there with the same bytes is
 * kept and the staged copy dropped (so running it again after a crash adds
 * nothing twice); a different one makes the staged file take `name (1)`.
 * A file where the archive has a folder, or the reverse, is refused before
 * anything moves. Resolves to the lone top-level entry's final path, else the
 * destination.
 */
export async function mergeInto(staging: string, destination: string): Promise<string> {
  const top = await readdir(staging, { withFileTypes: true });
  if (top.some((entry) => join(destination, entry.name) === staging)) {
    throw new UnpackError(
      `The archive holds "${basename(staging)}", the name of the folder Ferry unpacks in, so it cannot be unpacked here. The archive is kept; open it with an archive tool.`,
    );
  }
  await refuseClashes(staging, destination, top);
  const touched = new Set<string>();
  const placed = await mergeFolder(staging, destination, top, touched);
  // Every file was flushed in staging; syncing the folders makes the moves themselves durable.
  for (const folder of touched) await syncFolder(folder);
  return placed.length === 1 && placed[0] !== undefined ? placed[0] : destination;
}

/** Walks the staged tree against the destination; only folders that exist on both sides need a look inside. */
async function refuseClashes(from: string, to: string, entries: Dirent[]): Promise<void> {
  for (const entry of entries) {
    const target = join(to, entry.name);
    const existing = await lstat(target).catch(missingAsNull);
    if (!existing) continue;
    if (entry.isDirectory() && !existing.isDirectory()) {
      throw clash(target, `${existing.isSymbolicLink() ? 'a link' : 'a file'}, but the archive holds a folder`);
    }
    if (entry.isDirectory()) {
      const inner = join(from, entry.name);
      await refuseClashes(inner, target, await readdir(inner, { withFileTypes: true }));
    } else if (existing.isDirectory()) {
      throw clash(target, 'a folder, but the archive holds a file');
    }
  }
}

/** Resolves to where each entry ended up. A folder missing from the destination moves whole, in one rename. */
async function mergeFolder(from: string, to: string, entries: Dirent[], touched: Set<string>): Promise<string[]> {
  const placed: string[] = [];
  for (const entry of entries) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (!entry.isDirectory()) {
      placed.push(await placeFile(source, target, touched));
    } else if (await moveFolderNoClobber(source, target)) {
      touched.add(to);
      placed.push(target);
    } else {
      await mergeFolder(source, target, await readdir(source, { withFileTypes: true }), touched);
      placed.push(target);
    }
  }
  return placed;
}

/** The first free name among `name`, `name (1)`, …, unless one of them already holds these very bytes. */
async function placeFile(source: string, target: string, touched: Set<string>): Promise<string> {
  const folder = dirname(target);
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? target : join(folder, numberedName(basename(target), n));
    if (await moveFileNoClobber(source, candidate)) {
      touched.add(folder);
      return candidate;
    }
    // A folder or a dangling link under a numbered name cannot be compared: it is just taken.
    if (await sameBytes(source, candidate).catch(() => false)) return candidate;
  }
}

function clash(target: string, what: string): UnpackError {
  return new UnpackError(
    `${target} is ${what} of that name, so the archive cannot be unpacked there. Rename or move it, then retry; the archive is kept.`,
  );
}

function missingAsNull(error: unknown): Stats | null {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  throw error;
}
