import { open } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz';

const TAR_MAGIC_OFFSET = 257;

/**
 * What kind of archive a file is, judged by its bytes rather than its name
 * (servers and CID stores often send TARs and ZIPs without an extension);
 * null when it is not one Ferry unpacks.
 */
export async function archiveFormat(path: string): Promise<ArchiveFormat | null> {
  // A few KiB hold every signature; inflating more would only cost time on the main thread.
  const head = await readHead(path, 4096);
  if (isZip(head)) return 'zip';
  if (isTar(head)) return 'tar';
  if (head[0] === 0x1f && head[1] === 0x8b && isTar(gunzipStart(head))) return 'tar.gz';
  return null;
}

/** A local file header, or the end-of-directory record an empty ZIP consists of. */
function isZip(head: Buffer): boolean {
  if (head.length < 4) return false;
  const signature = head.readUInt32LE(0);
  return signature === 0x04034b50 || signature === 0x06054b50;
}

/** POSIX (`ustar\0`) and GNU (`ustar  \0`) both put this magic at offset 257. */
function isTar(head: Buffer): boolean {
  return head.subarray(TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5).toString('latin1') === 'ustar';
}

/** The start of a gzip stream's content; a truncated read is expected, so only what decompressed counts. */
function gunzipStart(head: Buffer): Buffer {
  try {
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
