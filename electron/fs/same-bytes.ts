import { type FileHandle, open } from 'node:fs/promises';

const CHUNK = 256 * 1024;

/**
 * Whether two regular files hold the same bytes. Sizes are compared first, so
 * files that differ almost always cost one stat each; equal sizes are read side
 * by side and the reading stops at the first difference.
 */
export async function sameBytes(a: string, b: string): Promise<boolean> {
  const first = await open(a, 'r');
  try {
    const second = await open(b, 'r');
    try {
      const [statA, statB] = await Promise.all([first.stat(), second.stat()]);
      if (!statA.isFile() || !statB.isFile() || statA.size !== statB.size) return false;
      return await sameContent(first, second);
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
  }
}

async function sameContent(first: FileHandle, second: FileHandle): Promise<boolean> {
  const bufferA = Buffer.allocUnsafe(CHUNK);
  const bufferB = Buffer.allocUnsafe(CHUNK);
  for (let position = 0; ; ) {
    const [readA, readB] = await Promise.all([
      first.read(bufferA, 0, CHUNK, position),
      second.read(bufferB, 0, CHUNK, position),
    ]);
    if (readA.bytesRead !== readB.bytesRead) return false;
    if (readA.bytesRead === 0) return true;
    if (!bufferA.subarray(0, readA.bytesRead).equals(bufferB.subarray(0, readB.bytesRead))) return false;
    position += readA.bytesRead;
  }
}
