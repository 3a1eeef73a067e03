import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import { limitFunction } from 'p-limit';
import type { Entry, ZipFile } from 'yauzl';
import yauzl from 'yauzl';
import { type ArchiveEntry, type EntryVisitor, explainsItself, UnpackError } from './archive-entry';
import { safeEntrySegments } from './entry-path';

/** Unix file-type and permission bits sit in the high half of the external attributes of ZIPs made on Unix. */
const MADE_ON_UNIX = 3;
export const PARALLEL_ENTRIES = 8;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const STORED = 0;
const DEFLATED = 8;
/** ZIPs up to this size are read into memory once: a batch of thousands of small files then costs no disk read per entry. */
const IN_MEMORY_ZIP = 64 * 1024 * 1024;
/**
 * Entries up to this size are inflated in one call. A stream and a zlib
 * context per entry cost more than the inflating itself for small files, and
 * one call this size holds the event loop for a few milliseconds at most.
 */
const SMALL_ENTRY = 1024 * 1024;

/**
 * Walks a ZIP through its central directory. yauzl checks every entry's size
 * against what the directory promised, so a file that inflates beyond it (a
 * ZIP bomb) fails; the CRC-32, which yauzl leaves alone, is checked here.
 * `checkListing` hears the entry count, then the total the directory
 * promises, before anything is read: a directory of millions of entries is
 * refused before it is read into memory.
 */
export async function readZip(
  path: string,
  visit: EntryVisitor,
  checkListing: (entries: number, bytes: number) => Promise<void>,
): Promise<void> {
  const { zip, bytes } = await openZip(path);
  try {
    await checkListing(zip.entryCount, 0);
    const entries = await readDirectory(zip);
    await checkListing(
      entries.length,
      entries.reduce((total, raw) => total + raw.uncompressedSize, 0),
    );
    const inMemory = bytes ? await smallEntriesIn(zip, bytes, entries) : new Map<Entry, Buffer>();
    await visitAll(zip, entries, inMemory, visit);
  } catch (error) {
    throw explainsItself(error) ? error : damaged(error);
  } finally {
    zip.close();
  }
}

/**
 * Entries are independent and yauzl reads each at its own offset, so several
 * unpack at once. The first failure drops the entries not yet started, and is
 * thrown only once every started one has ended: their writes must not outlive
 * the staging folder.
 */
async function visitAll(
  zip: ZipFile,
  entries: Entry[],
  inMemory: Map<Entry, Buffer>,
  visit: EntryVisitor,
): Promise<void> {
  const failures: unknown[] = [];
  const visitOne = limitFunction(
    async (raw: Entry) => {
      if (failures.length > 0) return;
      const entry = toEntry(raw);
      try {
        await visit(entry, entry.kind === 'file' ? bodyOf(zip, raw, inMemory.get(raw), entry.path) : null);
      } catch (error) {
        // Kept before the slot frees, so the entry p-limit starts next already sees it.
        failures.push(error);
      }
    },
    { concurrency: PARALLEL_ENTRIES },
  );
  await Promise.all(entries.map((raw) => visitOne(raw)));
  if (failures.length > 0) throw failures[0];
}

/** The whole central directory, refused before anything is written if an entry is encrypted or climbs out. */
async function readDirectory(zip: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  for await (const raw of zip.eachEntry()) {
    // As the archive declares (UTF-8 or CP437), backslashes from Windows tools becoming folders. yauzl's own
    // check would refuse `a:b.txt` as an absolute path, so Ferry's rules check the names instead.
    raw.fileName = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, false);
    safeEntrySegments(raw.fileName);
    if (raw.isEncrypted()) {
      throw new UnpackError(
        `"${raw.fileName}" in the archive is encrypted; Ferry does not unpack password-protected archives. Open it with an archive tool.`,
      );
    }
    entries.push(raw);
  }
  return entries;
}

/**
 * A small entry of a ZIP held in memory is inflated at once, before the visit
 * starts; any other body opens lazily. Either way each visit starts (and
 * claims its path) in archive order.
 */
function bodyOf(zip: ZipFile, raw: Entry, stored: Buffer | undefined, path: string): Buffer | Readable {
  return stored ? inflated(stored, raw, path) : Readable.from(entryBytes(zip, raw, path));
}

/**
 * Where each small entry's stored bytes lie in a ZIP read into memory: views
 * of it, so a batch of a thousand textures opens no stream per file.
 */
async function smallEntriesIn(zip: ZipFile, bytes: Buffer, entries: Entry[]): Promise<Map<Entry, Buffer>> {
  const found = new Map<Entry, Buffer>();
  for (const raw of entries) {
    if (!isSmall(raw) || raw.fileName.endsWith('/')) continue;
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(raw, { minimal: true });
    found.set(raw, bytes.subarray(fileDataStart, fileDataStart + raw.compressedSize));
  }
  return found;
}

/** The entry's bytes, failing at the end when they do not add up to the size and CRC-32 the directory lists. */
async function* entryBytes(zip: ZipFile, raw: Entry, path: string): AsyncGenerator<Buffer> {
  if (isSmall(raw)) {
    yield await smallEntryBytes(zip, raw, path);
    return;
  }
  const stream = await zip.openReadStreamPromise(raw);
  // yauzl can emit a size error twice; this loop reports the first, the listener keeps the second from going uncaught.
  stream.on('error', () => undefined);
  let crc = 0;
  for await (const chunk of stream) {
    crc = crc32(chunk as Buffer, crc);
    yield chunk as Buffer;
  }
  if (crc !== raw.crc32) throw checksumMismatch(path);
}

function isSmall(raw: Entry): boolean {
  const method = raw.compressionMethod === STORED || raw.compressionMethod === DEFLATED;
  return method && raw.compressedSize <= SMALL_ENTRY && raw.uncompressedSize <= SMALL_ENTRY;
}

/** Read as stored, then inflated at once; the output cap makes an entry that inflates past its listed size fail. */
async function smallEntryBytes(zip: ZipFile, raw: Entry, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(raw, { decodeFileData: false }))
    chunks.push(chunk as Buffer);
  return inflated(Buffer.concat(chunks), raw, path);
}

function inflated(stored: Buffer, raw: Entry, path: string): Buffer {
  const bytes = raw.compressionMethod === DEFLATED ? inflateAtMost(stored, raw.uncompressedSize, path) : stored;
  if (bytes.length !== raw.uncompressedSize) throw sizeMismatch(path, raw.uncompressedSize);
  if (crc32(bytes) !== raw.crc32) throw checksumMismatch(path);
  return bytes;
}

function inflateAtMost(stored: Buffer, size: number, path: string): Buffer {
  try {
    return inflateRawSync(stored, { maxOutputLength: Math.max(1, size) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw sizeMismatch(path, size);
    throw error;
  }
}

function sizeMismatch(path: string, size: number): UnpackError {
  return new UnpackError(
    `The archive is damaged: "${path}" does not hold the ${size} bytes its listing says. Download it anew.`,
  );
}

function checksumMismatch(path: string): UnpackError {
  return new UnpackError(`The archive is damaged: "${path}" does not match its checksum. Download it anew.`);
}

/**
 * Names are left undecoded here and decoded as the directory is read. Closed
 * by the caller: bodies open lazily, after the directory has been read to its end.
 */
async function openZip(path: string): Promise<{ zip: ZipFile; bytes: Buffer | null }> {
  const options = {
    lazyEntries: true,
    autoClose: false,
    decodeStrings: false,
    validateEntrySizes: true,
    strictFileNames: false,
  };
  const bytes = (await stat(path)).size <= IN_MEMORY_ZIP ? await readFile(path) : null;
  const opening = bytes ? yauzl.fromBufferPromise(bytes, options) : yauzl.openPromise(path, options);
  const zip = await opening.catch((error: unknown) => {
    throw damaged(error);
  });
  return { zip, bytes };
}

function toEntry(raw: Entry): ArchiveEntry {
  const unixMode = raw.versionMadeBy >>> 8 === MADE_ON_UNIX ? raw.externalFileAttributes >>> 16 : 0;
  const fileType = unixMode & S_IFMT;
  const kind =
    raw.fileName.endsWith('/') || fileType === S_IFDIR ? 'directory' : fileType === S_IFLNK ? 'link' : 'file';
  return {
    path: raw.fileName,
    kind,
    size: raw.uncompressedSize,
    mode: unixMode === 0 ? null : unixMode & 0o7777,
    modified: raw.getLastModDate(),
  };
}

function damaged(error: unknown): UnpackError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UnpackError(`The ZIP archive is damaged or not a ZIP Ferry can read (${reason}). Download it anew.`, {
    cause: error,
  });
}
