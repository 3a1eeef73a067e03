import type { Readable } from 'node:stream';

/**
 * The whole body, as long as it stays within `limit` bytes; past it the body is
 * destroyed (closing the connection) and `tooLarge()` is thrown, so an endless
 * answer costs at most `limit` bytes of memory.
 */
export async function readCapped(body: Readable, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
