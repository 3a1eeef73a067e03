import { mkdir, readdir, rm, stat, statfs, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatBytes } from '../../shared/format';
import { splitExtension } from '../engine/file-name';
import { failpoint } from '../failpoint';
import { describeFsError } from '../fs/describe-fs-error';
import { moveToFreeName } from '../fs/move-no-clobber';
import { type EntryVisitor, UnpackError } from './archive-entry';
import { type ArchiveFormat, archiveFormat } from './archive-format';
import { safeEntrySegments } from './entry-path';
import { EntryWriter } from './entry-writer';
import { mergeInto } from './merge-into';
import { readTar } from './tar-reader';
import { defaultUnpackLimits, UnpackBudget, type UnpackLimits } from './unpack-limits';
import { readZip } from './zip-reader';

export interface UnpackResult {
  /** Where the contents went: the one file or folder when the archive held a single one, else their folder. */
  path: string;
  format: ArchiveFormat;
  files: number;
  /** Links and devices, which Ferry never recreates from an archive. */
  skipped: number;
}

/** The hidden folder beside an archive where a download's unpacking is staged, so a restart can find and clear it. */
export function unpackStagingName(downloadId: number): string {
  return `.ferry-unpack-${downloadId}`;
}

export interface UnpackOptions {
  /** A hidden folder beside the archive that holds the work in progress; a rerun clears it first. */
  stagingName: string;
  signal?: AbortSignal;
  /** The settings' limits; without them, their defaults. */
  limits?: UnpackLimits;
  /** What the archive is, for messages, when it is a platform's answer that is not kept (the CID store's TAR). */
  passing?: string;
  /** Hears each free name just before the result moves there (see `unpackArchive`). */
  placing?: (to: string) => void;
}

/**
 * Unpacks a ZIP or TAR (plain or gzip) beside itself, leaving the archive as
 * it is. Everything is written to a staging folder first and moved into place
 * at the end, so a crash or a bad entry never leaves half an archive under a
 * final name. Resolves to null when the file is not an archive.
 */
export function unpackArchive(archive: string, options: UnpackOptions): Promise<UnpackResult | null> {
  return unpackStaged(archive, options, (staging) => placeBeside(staging, archive, options.placing));
}

/**
 * Unpacks into the archive's own folder as the archive lays its contents out,
 * merging with the folders already there (see `mergeInto`), with the same
 * staging and checks as `unpackArchive`. Running it again after a crash adds
 * nothing twice, so the caller may remove the archive once it resolves.
 */
export function unpackMerging(archive: string, options: UnpackOptions): Promise<UnpackResult | null> {
  return unpackStaged(archive, options, (staging) => mergeInto(staging, dirname(archive)));
}

/** Checks and extracts into the staging folder, then lets `place` move the contents out; resolves to where they went. */
async function unpackStaged(
  archive: string,
  options: UnpackOptions,
  place: (staging: string) => Promise<string>,
): Promise<UnpackResult | null> {
  const format = await archiveFormat(archive).catch((error: unknown) => {
    throw new UnpackError(
      `The downloaded file ${archive} could not be read (${describeFsError(error)}). Download it anew.`,
      { cause: error },
    );
  });
  if (!format) return null;
  const staging = join(dirname(archive), options.stagingName);
  try {
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    const archiveBytes = (await stat(archive)).size;
    // A plain TAR holds its files uncompressed; ZIPs list their sizes (checked as they are read); gzip says nothing.
    if (format === 'tar') await ensureSpace(dirname(archive), archiveBytes);
    const budget = new UnpackBudget(archive, archiveBytes, options.limits ?? defaultUnpackLimits, options.passing);
    const counts = await extract({ archive, format, staging, budget, signal: options.signal });
    const path = await place(staging);
    return { path, format, ...counts };
  } catch (error) {
    throw asUnpackError(error);
  } finally {
    // Best effort: a folder that will not go is cleared by the next attempt, and must not hide the real error.
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

interface Extraction {
  archive: string;
  format: ArchiveFormat;
  staging: string;
  budget: UnpackBudget;
  signal?: AbortSignal;
}

async function extract({ archive, format, staging, budget, signal }: Extraction) {
  const counts = { files: 0, skipped: 0 };
  const folderTimes: [string, Date][] = [];
  const writer = new EntryWriter();
  const visit: EntryVisitor = async (entry, body) => {
    signal?.throwIfAborted();
    budget.countEntry();
    const segments = safeEntrySegments(entry.path);
    if (segments.length === 0) return;
    const target = join(staging, ...segments);
    if (entry.kind === 'directory') {
      await writer.folder(target);
      if (entry.modified) folderTimes.push([target, entry.modified]);
    } else if (entry.kind === 'file' && body) {
      await writer.write(target, entry, budget.metered(body), signal);
      counts.files++;
      if (counts.files === 1) failpoint('during-unpack');
    } else {
      counts.skipped++;
    }
  };
  try {
    if (format === 'zip') {
      await readZip(archive, visit, async (entries, bytes) => {
        budget.checkListing(entries, bytes);
        await ensureSpace(dirname(staging), bytes);
      });
    } else await readTar(archive, format === 'tar.gz', visit);
  } finally {
    // Writes still running when reading failed must end before the staging folder is removed.
    await writer.finish().catch(() => undefined);
  }
  await writer.finish();
  // Writing files inside a folder changes its time, so folders get theirs last, deepest first.
  for (const [folder, time] of folderTimes.reverse()) await utimes(folder, time, time);
  return counts;
}

/**
 * One file or one folder at the top goes beside the archive under its own
 * name (no `photos/photos/`); anything else goes in a folder named after the
 * archive. Existing names are never replaced: `name (1)` is used instead.
 */
async function placeBeside(staging: string, archive: string, placing?: (to: string) => void): Promise<string> {
  const top = await readdir(staging);
  const [only] = top;
  const single = top.length === 1 && only !== undefined;
  const from = single ? join(staging, only) : staging;
  const name = single ? only : splitExtension(basename(archive)).base;
  return moveToFreeName(from, dirname(archive), name, placing);
}

async function ensureSpace(folder: string, needed: number): Promise<void> {
  const disk = await statfs(folder);
  const free = disk.bavail * disk.bsize;
  if (needed > free) {
    throw new UnpackError(
      `Unpacking needs ${formatBytes(needed)} but the disk has ${formatBytes(free)} free. Free some space, then retry; the archive is kept.`,
    );
  }
}

function asUnpackError(error: unknown): unknown {
  if (error instanceof UnpackError || (error as Error | undefined)?.name === 'AbortError') return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new UnpackError('The disk filled up while unpacking. Free some space, then retry; the archive is kept.', {
      cause: error,
    });
  }
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
    return new UnpackError(
      'The archive holds a file and a folder with the same name, so it cannot be unpacked as it is. The archive is kept; open it with an archive tool.',
      { cause: error },
    );
  }
  return new UnpackError(
    `Ferry could not unpack the archive (${describeFsError(error)}). Check the download folder, then retry; the archive is kept.`,
    { cause: error },
  );
}
