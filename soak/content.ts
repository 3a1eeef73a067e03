import { createCipheriv, createHash } from 'node:crypto';

const CHUNK = 256 * 1024;
const BLOCK = 16;

/**
 * File bodies made from a seed with AES-256-CTR over zeros: fast, and any byte range
 * can be produced on its own, so a 256 MiB file is served and checked without ever
 * being held or stored.
 */
export function contentKey(seed: number, id: string, version: number): Buffer {
  return createHash('sha256').update(`ferry-soak:${seed}:${id}:${version}`).digest();
}

function counterIv(block: number): Buffer {
  const iv = Buffer.alloc(BLOCK);
  iv.writeBigUInt64BE(BigInt(block), 8);
  return iv;
}

/** Bytes `start` to `end` inclusive, in chunks of at most 256 KiB. */
export function* contentChunks(key: Buffer, start: number, end: number): Generator<Buffer> {
  const firstBlock = Math.floor(start / BLOCK);
  const cipher = createCipheriv('aes-256-ctr', key, counterIv(firstBlock));
  let position = firstBlock * BLOCK;
  while (position <= end) {
    const length = Math.min(CHUNK, end + 1 - position);
    const chunk = cipher.update(Buffer.alloc(length));
    const skip = Math.max(0, start - position);
    position += length;
    yield skip > 0 ? chunk.subarray(skip) : chunk;
  }
}

export function contentBuffer(key: Buffer, size: number): Buffer {
  return size === 0 ? Buffer.alloc(0) : Buffer.concat([...contentChunks(key, 0, size - 1)]);
}

export function contentSha256(key: Buffer, size: number): string {
  const hash = createHash('sha256');
  if (size > 0) for (const chunk of contentChunks(key, 0, size - 1)) hash.update(chunk);
  return hash.digest('hex');
}
