import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The sha256 of a file on disk, read once from start to end. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
