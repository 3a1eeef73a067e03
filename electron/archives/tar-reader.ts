import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { type ArchiveEntry, type EntryVisitor, explainsItself, UnpackError } from './archive-entry';

/** Large reads keep the per-chunk cost of streams small next to the bytes moved. */
const READ_CHUNK = 1024 * 1024;

/**
 * Archive detection already found the `ustar` magic; later headers are judged
 * by their checksum alone, as tar does. tar-stream reads this option, though
 * its type definitions leave it out.
 */
const EXTRACT_OPTIONS = { allowUnknownFormat: true } as Parameters<typeof extract>[0];

/**
 * Walks a TAR (optionally gzip-compressed) from start to end with tar-stream,
 * which reads POSIX ustar, PAX extended headers, GNU long names and base-256
 * sizes: what tar, bsdtar, 7-Zip and IPFS-style `get` produce. Each file's
 * bytes stream to the visitor as they are read, never held whole.
 */
export async function readTar(path: string, gzipped: boolean, visit: EntryVisitor): Promise<void> {
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  const entries = extract(EXTRACT_OPTIONS);
  const feeding = gzipped ? pipeline(file, createGunzip(), entries) : pipeline(file, entries);
  // The loop below meets the same failure through `entries`; this copy must not go unhandled.
  feeding.catch(() => undefined);
  try {
    for await (const entry of entries) {
      const found = toEntry(entry.header);
      await visit(found, found.kind === 'file' ? Readable.from(entry, { objectMode: false }) : null);
      // Bytes nobody read (a link's, a device's, a skipped entry's) must pass before the next header can.
      entry.resume();
    }
    await feeding;
  } catch (error) {
    throw explainsItself(error) ? error : damaged(error);
  } finally {
    file.destroy();
  }
}

function toEntry(header: Header): ArchiveEntry {
  const paxTime = (header.pax as Record<string, string> | null | undefined)?.mtime;
  return {
    path: header.name,
    kind: kindOf(header.type),
    size: header.size,
    mode: header.mode & 0o7777,
    // PAX keeps the time to the nanosecond; the header only to the second.
    modified: validDate(paxTime === undefined ? header.mtime : new Date(Number(paxTime) * 1000)),
  };
}

function kindOf(type: Header['type']): ArchiveEntry['kind'] {
  if (type === 'file' || type === 'contiguous-file') return 'file';
  if (type === 'directory') return 'directory';
  if (type === 'link' || type === 'symlink') return 'link';
  return 'other';
}

/** A date a file system takes, or null for a missing, garbled or pre-1970 one. */
function validDate(date: Date | undefined): Date | null {
  const time = date?.getTime() ?? Number.NaN;
  return Number.isFinite(time) && time >= 0 ? (date ?? null) : null;
}

/** tar-stream's and zlib's terse errors, said in words a person can act on. */
function damaged(error: unknown): UnpackError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UnpackError(explain(reason, (error as NodeJS.ErrnoException | undefined)?.code), { cause: error });
}

function explain(reason: string, code: string | undefined): string {
  if (reason === 'Unexpected end of data' || code === 'Z_BUF_ERROR') {
    return 'The archive ends in the middle of a file: it is incomplete or damaged. Download it anew.';
  }
  if (code?.startsWith('Z_')) {
    return 'The archive is damaged: its compressed data does not decompress. Download it anew.';
  }
  if (reason.startsWith('Invalid tar header')) {
    return 'This is not a TAR archive Ferry can read, or it is damaged (a header checksum does not match). Download it anew.';
  }
  if (reason === 'Invalid header') {
    return 'The archive is damaged: a TAR header holds an invalid size. Download it anew.';
  }
  return `The TAR archive is damaged or not one Ferry can read (${reason}). Download it anew.`;
}
