import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { FerryError } from '../../shared/errors';
import { describeFsError } from '../fs/describe-fs-error';

const CHOOSE_ANOTHER = 'Choose another profile with --profile or FERRY_HOME, or make it writable';

/**
 * Refuses a profile Ferry cannot write before SQLite does: its own words
 * ("unable to open database file", "attempt to write a readonly database")
 * say neither which folder nor what to do. The access check also sees a
 * read-only mount, which stops even root, whom permission bits do not.
 */
export function ensureWritableLibrary(profileDir: string, file: string): void {
  try {
    mkdirSync(profileDir, { recursive: true });
    accessSync(profileDir, constants.W_OK);
  } catch (error) {
    throw new FerryError(
      'storage',
      `Ferry cannot write its library in ${profileDir}: ${folderProblem(error)}. ${CHOOSE_ANOTHER}.`,
      { cause: error },
    );
  }
  const found = statSync(file, { throwIfNoEntry: false });
  if (found?.isDirectory()) {
    throw new FerryError(
      'storage',
      `Ferry cannot open its library ${file}: a folder stands where the file should be. Move that folder away, or choose another profile with --profile or FERRY_HOME.`,
    );
  }
  if (!found) return;
  try {
    accessSync(file, constants.W_OK);
  } catch (error) {
    throw new FerryError(
      'storage',
      `Ferry cannot write its library ${file}: the file is read-only (${describeFsError(error)}). ${CHOOSE_ANOTHER}.`,
      { cause: error },
    );
  }
}

function folderProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'the folder is read-only' : describeFsError(error);
}

/**
 * True when the journal (`ferry.db-wal`) was deleted or cut short while a
 * Ferry process held changes in it, and that process then died: the shared
 * index (`-shm`) still counts frames the journal no longer holds, so SQLite
 * opens the library without its most recent changes and says nothing.
 * Checked before opening, which rebuilds that index.
 */
export function journalWasLost(file: string): boolean {
  const index = readIndexHeader(`${file}-shm`);
  if (!index || index.frames <= index.copied) return false;
  const journal = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  // The journal: a 32-byte header, then per frame a 24-byte header and a page.
  return journal < 32 + index.frames * (24 + index.pageSize);
}

/** The WAL index header's frame counts (SQLite's `WalIndexHdr` and `WalCkptInfo`, in the machine's byte order). */
function readIndexHeader(path: string): { frames: number; copied: number; pageSize: number } | null {
  if (!existsSync(path)) return null;
  const header = Buffer.alloc(100);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (readSync(fd, header, 0, header.length, 0) < header.length) return null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const read = (offset: number) => (isLittleEndian() ? header.readUInt32LE(offset) : header.readUInt32BE(offset));
  const rawPageSize = isLittleEndian() ? header.readUInt16LE(14) : header.readUInt16BE(14);
  if (header[12] !== 1) return null;
  return { frames: read(16), copied: read(96), pageSize: rawPageSize === 1 ? 65_536 : rawPageSize };
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

export function lostJournalMessage(file: string): string {
  return `Ferry's library lost its most recent changes: its journal file (${file}-wal) was deleted before Ferry last stopped. Downloads added or finished just before then may show as unfinished or be missing. Add again what is missing: files already in the download folder are reused, not saved twice.`;
}
