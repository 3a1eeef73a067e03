import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

/** Archives made by the real tools (GNU tar, Info-ZIP), as people receive them. */
export function runTool(command: 'tar' | 'zip', args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: 'pipe' });
}

export interface CraftedZipEntry {
  name: string;
  data?: Buffer;
  deflate?: boolean;
  /** What the directory claims the file inflates to, when a test needs it to lie. */
  declaredSize?: number;
  /** A checksum that does not match the data, for a damaged file. */
  wrongCrc?: boolean;
  /** Unix type and permission bits, as Info-ZIP stores them on Unix: `0o120777` makes a symbolic link. */
  unixMode?: number;
}

/**
 * A ZIP written byte by byte, for archives no honest tool makes: names with
 * `..` or backslashes, sizes that lie.
 */
export function writeCraftedZip(path: string, entries: CraftedZipEntry[]): void {
  writeFileSync(path, craftZip(entries));
}

/** The same ZIP in memory, for fake servers that answer with one. */
export function craftZip(entries: CraftedZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data ?? Buffer.alloc(0);
    const stored = entry.deflate ? deflateRawSync(data) : data;
    const fields = {
      method: entry.deflate ? 8 : 0,
      crc: entry.wrongCrc ? (crc32(data) ^ 1) >>> 0 : crc32(data),
      compressed: stored.length,
      size: entry.declaredSize ?? data.length,
      unixMode: entry.unixMode,
    };
    const local = Buffer.concat([zipHeader(0x04034b50, fields, name.length), name, stored]);
    centrals.push(Buffer.concat([centralHeader(fields, name.length, offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

interface ZipFields {
  method: number;
  crc: number;
  compressed: number;
  size: number;
  unixMode?: number;
}

function zipHeader(signature: number, fields: ZipFields, nameLength: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(signature, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6); // names are UTF-8
  header.writeUInt16LE(fields.method, 8);
  header.writeUInt32LE(fields.crc, 14);
  header.writeUInt32LE(fields.compressed, 18);
  header.writeUInt32LE(fields.size, 22);
  header.writeUInt16LE(nameLength, 26);
  return header;
}

function centralHeader(fields: ZipFields, nameLength: number, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(0x0800, 8);
  header.writeUInt16LE(fields.method, 10);
  header.writeUInt32LE(fields.crc, 16);
  header.writeUInt32LE(fields.compressed, 20);
  header.writeUInt32LE(fields.size, 24);
  header.writeUInt16LE(nameLength, 28);
  if (fields.unixMode !== undefined) {
    header.writeUInt16LE((3 << 8) | 20, 4); // made on Unix, so the high half of the attributes holds the mode
    header.writeUInt32LE(fields.unixMode * 0x10000, 38);
  }
  header.writeUInt32LE(localOffset, 42);
  return header;
}

export interface CraftedTarEntry {
  name: string;
  data?: Buffer;
  type?: string;
  /** What the header's size field says, when a test needs it to differ from the data. */
  declaredSize?: number;
  /** The size field in GNU's base-256 form, as tar writes it for files over 8 GiB. */
  binarySize?: boolean;
  /** Records of a PAX extended header written just before the entry. */
  pax?: Record<string, string>;
}

/** A TAR written block by block, for entry names, types and sizes no honest tool writes. */
export function writeCraftedTar(path: string, entries: CraftedTarEntry[]): void {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    if (entry.pax) blocks.push(...tarMember({ name: 'PaxHeader', type: 'x', data: paxRecords(entry.pax) }));
    blocks.push(...tarMember(entry));
  }
  writeFileSync(path, Buffer.concat([...blocks, Buffer.alloc(1024)]));
}

function tarMember(entry: CraftedTarEntry): Buffer[] {
  const data = entry.data ?? Buffer.alloc(0);
  const header = tarHeader(entry.name, entry.type ?? '0');
  const size = entry.declaredSize ?? data.length;
  if (entry.binarySize) writeBase256(header, size, 124, 12);
  else header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  sealTarHeader(header);
  return [header, data, Buffer.alloc((512 - (data.length % 512)) % 512)];
}

function tarHeader(name: string, type: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'latin1');
  header.write(`${Math.floor(Date.UTC(2024, 0, 2) / 1000).toString(8)}\0`, 136, 'latin1');
  header.write(type, 156, 'latin1');
  header.write('ustar\0' + '00', 257, 'latin1');
  return header;
}

function sealTarHeader(header: Buffer): void {
  header.fill(0x20, 148, 156);
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
}

/** Big-endian bytes after a 0x80 marker. */
function writeBase256(header: Buffer, value: number, offset: number, length: number): void {
  header[offset] = 0x80;
  let rest = value;
  for (let index = offset + length - 1; index > offset; index--) {
    header[index] = rest % 256;
    rest = Math.floor(rest / 256);
  }
}

/** `<length> <key>=<value>\n`, the length counting itself. */
function paxRecords(records: Record<string, string>): Buffer {
  const lines = Object.entries(records).map(([key, value]) => {
    const body = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(body) + 1;
    while (Buffer.byteLength(`${length}${body}`) !== length) length++;
    return `${length}${body}`;
  });
  return Buffer.from(lines.join(''), 'utf8');
}
