import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type ArchiveEntry, type EntryVisitor, UnpackError } from './archive-entry';
import { ByteReader } from './byte-reader';

const BLOCK = 512;
/** Large reads keep the per-chunk cost of streams small next to the bytes moved. */
const READ_CHUNK = 1024 * 1024;

/** Header overrides from PAX extended headers and GNU long-name entries. */
interface Overrides {
  path?: string;
  size?: number;
  modified?: Date;
}

/**
 * Walks a TAR (optionally gzip-compressed) from start to end: POSIX ustar,
 * PAX extended headers and GNU long names, which together cover what tar,
 * bsdtar, 7-Zip and IPFS-style `get` produce.
 */
export async function readTar(path: string, gzipped: boolean, visit: EntryVisitor): Promise<void> {
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  const source = gzipped ? pipeline(file, createGunzip(), () => {}) : file;
  const reader = new ByteReader(source);
  try {
    await walk(reader, visit);
  } catch (error) {
    throw isZlibError(error)
      ? new UnpackError('The archive is damaged: its compressed data does not decompress. Download it anew.', {
          cause: error,
        })
      : error;
  } finally {
    source.destroy();
  }
}

async function walk(reader: ByteReader, visit: EntryVisitor): Promise<void> {
  let global: Overrides = {};
  let next: Overrides = {};
  for (;;) {
    const header = await reader.take(BLOCK);
    // Two zero blocks end the archive; some writers leave out the second, or the whole trailer.
    if (header === null || header.every((byte) => byte === 0)) return;
    const raw = parseHeader(header);
    if (raw.type === 'x' || raw.type === 'g' || raw.type === 'L') {
      const data = await readSmall(reader, raw.size);
      if (raw.type === 'L') next.path = cString(data);
      else if (raw.type === 'x') next = { ...next, ...parsePax(data) };
      else global = { ...global, ...parsePax(data) };
      continue;
    }
    const entry = toEntry(raw, { ...global, ...next });
    next = {};
    await visitEntry(reader, entry, visit);
  }
}

async function visitEntry(reader: ByteReader, entry: ArchiveEntry, visit: EntryVisitor): Promise<void> {
  let consumed = 0;
  const counted = async function* () {
    for await (const piece of reader.stream(entry.size)) {
      consumed += piece.length;
      yield piece;
    }
  };
  await visit(entry, entry.kind === 'file' ? Readable.from(counted(), { objectMode: false }) : null);
  await reader.skip(entry.size - consumed + padding(entry.size));
}

interface RawHeader {
  name: string;
  type: string;
  size: number;
  mode: number;
  mtime: number;
}

function parseHeader(block: Buffer): RawHeader {
  if (!checksumMatches(block)) {
    throw new UnpackError(
      'This is not a TAR archive Ferry can read, or it is damaged (a header checksum does not match).',
    );
  }
  // POSIX ustar keeps long paths' folders in a prefix field; GNU tar uses that space for other things.
  const posix = block.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = posix ? cString(block.subarray(345, 500)) : '';
  const name = cString(block.subarray(0, 100));
  return {
    name: prefix ? `${prefix}/${name}` : name,
    type: String.fromCharCode(block[156] ?? 0),
    size: parseNumber(block.subarray(124, 136)),
    mode: parseNumber(block.subarray(100, 108)),
    mtime: parseNumber(block.subarray(136, 148)),
  };
}

function toEntry(raw: RawHeader, overrides: Overrides): ArchiveEntry {
  const path = overrides.path ?? raw.name;
  const size = overrides.size ?? raw.size;
  return {
    path,
    kind: kindOf(raw.type),
    size,
    mode: raw.mode & 0o7777,
    modified: overrides.modified ?? validDate(raw.mtime),
  };
}

function kindOf(type: string): ArchiveEntry['kind'] {
  if (type === '5') return 'directory';
  if (type === '1' || type === '2') return 'link';
  if (type === '0' || type === '\0' || type === '7') return 'file';
  return 'other';
}

/** The stored sum counts the checksum field itself as eight spaces; old writers summed signed bytes. */
function checksumMatches(block: Buffer): boolean {
  const stored = parseNumber(block.subarray(148, 156));
  let unsigned = 8 * 0x20;
  let signed = 8 * 0x20;
  for (let index = 0; index < BLOCK; index++) {
    if (index >= 148 && index < 156) continue;
    const byte = block[index] ?? 0;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** Octal text, or GNU's base-256 for values octal cannot hold (files over 8 GiB). */
function parseNumber(field: Buffer): number {
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = (field[0] ?? 0) & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+.*$/s, '')
    .trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new UnpackError('The archive is damaged: a TAR header holds an invalid number.');
  return Number.parseInt(text, 8);
}

/** PAX records are `<length> <key>=<value>\n`, lengths in bytes. */
function parsePax(data: Buffer): Overrides {
  const overrides: Overrides = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const length = Number.parseInt(data.subarray(offset, space).toString('latin1'), 10);
    if (space < 0 || !Number.isSafeInteger(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    applyPax(overrides, record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return overrides;
}

function applyPax(overrides: Overrides, key: string, value: string): void {
  if (key === 'path') overrides.path = value;
  else if (key === 'size' && /^\d+$/.test(value)) overrides.size = Number(value);
  else if (key === 'mtime') overrides.modified = validDate(Number(value)) ?? undefined;
}

/** Seconds since 1970 as a date, or null when the archive's value is not one a file system takes. */
function validDate(seconds: number): Date | null {
  const date = new Date(seconds * 1000);
  return Number.isFinite(date.getTime()) && seconds >= 0 ? date : null;
}

/** Metadata entries are small; a huge one means a damaged or hostile archive. */
async function readSmall(reader: ByteReader, size: number): Promise<Buffer> {
  if (size > 1024 * 1024) throw new UnpackError('The archive is damaged: a TAR metadata entry is over 1 MiB.');
  const data = size === 0 ? Buffer.alloc(0) : await reader.take(size);
  if (data === null)
    throw new UnpackError('The archive ends in the middle of a file: it is incomplete. Download it anew.');
  await reader.skip(padding(size));
  return data;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function isZlibError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
