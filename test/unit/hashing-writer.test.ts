import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HashingWriter } from '../../electron/fs/hashing-writer';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ferry-hashing-writer-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function written(chunks: Uint8Array[]): Promise<{ size: number; sha256: string; bytes: Buffer }> {
  const path = join(folder, 'file.bin');
  const writer = await HashingWriter.create(path);
  try {
    for (const chunk of chunks) await writer.write(chunk);
    return { ...(await writer.finish()), bytes: await readFile(path) };
  } finally {
    await writer.close();
  }
}

describe('the hashing writer', () => {
  it('refuses a symbolic link at its path, leaving the target as it was', async () => {
    const target = join(folder, 'target.txt');
    await writeFile(target, 'kept');
    await symlink(target, join(folder, 'link.bin'));
    await expect(HashingWriter.create(join(folder, 'link.bin'))).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await readFile(target, 'utf8')).toBe('kept');
  });

  it('writes the chunks in order and hashes exactly what it wrote, well past the room it leaves the caller', async () => {
    const data = randomBytes(20 * 1024 * 1024 + 123);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < data.length; at += 256 * 1024)
      chunks.push(Uint8Array.prototype.slice.call(data, at, at + 256 * 1024));
    const result = await written(chunks);
    expect(result.size).toBe(data.length);
    expect(result.bytes.equals(data)).toBe(true);
    expect(result.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('moves a chunk that owns its memory to its thread and copies a view of a larger buffer', async () => {
    const owned = new Uint8Array(64 * 1024).fill(1);
    const shared = Buffer.alloc(64 * 1024, 2);
    const view = shared.subarray(1024, 2048);
    const result = await written([owned, view]);
    expect(owned.byteLength).toBe(0);
    expect(view.byteLength).toBe(1024);
    expect(shared.every((byte) => byte === 2)).toBe(true);
    expect(result.size).toBe(64 * 1024 + 1024);
  });

  it('fails the next write and the finish with the disk’s own error, such as a full disk', async () => {
    const writer = await HashingWriter.create('/dev/full');
    try {
      const failure = await (async () => {
        for (let i = 0; i < 100; i++) await writer.write(new Uint8Array(1024 * 1024));
        return writer.finish();
      })().catch((error: unknown) => error);
      expect((failure as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      await writer.close();
    }
  });
});
