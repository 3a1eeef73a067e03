import type { Entry, ZipFile } from 'yauzl';
import yauzl from 'yauzl';
import { type ArchiveEntry, type EntryVisitor, UnpackError } from './archive-entry';
import { TaskPool } from './task-pool';

/** Unix file-type and permission bits sit in the high half of the external attributes of ZIPs made on Unix. */
const MADE_ON_UNIX = 3;
const PARALLEL_ENTRIES = 8;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

/**
 * Walks a ZIP through its central directory. yauzl checks every entry's
 * size and CRC against what the directory promised, so a file that inflates
 * beyond its stated size (a ZIP bomb) or has been corrupted fails.
 */
export async function readZip(path: string, visit: EntryVisitor): Promise<void> {
  const zip = await openZip(path);
  // Entries are independent and yauzl reads each at its own offset, so several unpack at once.
  const pool = new TaskPool(PARALLEL_ENTRIES);
  try {
    for await (const raw of zip.eachEntry()) {
      const entry = toEntry(raw);
      if (entry.kind === 'file' && raw.isEncrypted()) {
        throw new UnpackError(
          `"${entry.path}" in the archive is encrypted; Ferry does not unpack password-protected archives. Open it with an archive tool.`,
        );
      }
      await pool.run(async () => {
        const body = entry.kind === 'file' ? await zip.openReadStreamPromise(raw) : null;
        // yauzl can emit a size error twice; the visitor's pipeline reports the first, this keeps the second from going uncaught.
        body?.on('error', () => undefined);
        await visit(entry, body);
      });
    }
    await pool.drain();
  } catch (error) {
    throw error instanceof UnpackError || isFileSystemError(error) ? error : damaged(error);
  } finally {
    await pool.drain().catch(() => undefined);
    zip.close();
  }
}

/** The summed sizes the central directory promises, to check free space before writing anything. */
export async function zipContentSize(path: string): Promise<number> {
  const zip = await openZip(path);
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) total += entry.uncompressedSize;
  } catch (error) {
    throw damaged(error);
  } finally {
    zip.close();
  }
  return total;
}

/** Backslashes from Windows tools become folders; names are decoded as the archive declares (UTF-8 or CP437). */
function openZip(path: string): Promise<ZipFile> {
  return yauzl
    .openPromise(path, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false })
    .catch((error: unknown) => {
      throw damaged(error);
    });
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
  return new UnpackError(`The ZIP archive is damaged or not a ZIP Ferry can read (${reason}). Download it again.`, {
    cause: error,
  });
}

function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
