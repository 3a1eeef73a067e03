import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushTogether } from '../../electron/fs/flush-together';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ferry-flush-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function written(count: number): Promise<string[]> {
  const files = Array.from({ length: count }, (_, i) => join(folder, `${i}.txt`));
  await Promise.all(files.map((file, i) => writeFile(file, `file ${i}`)));
  return files;
}

describe('flushing files together', () => {
  it('flushes a few files one by one and many at once, leaving their bytes as they are', async () => {
    for (const count of [0, 3, 200]) {
      const files = await written(count);
      await flushTogether(files);
      expect(await Promise.all(files.map((file) => readFile(file, 'utf8')))).toEqual(files.map((_, i) => `file ${i}`));
    }
  });

  it('says which file could not be flushed, when flushing one by one (a few, or when the file system will not sync)', async () => {
    const missing = join(folder, 'gone', 'missing.txt');
    await expect(flushTogether([...(await written(2)), missing])).rejects.toMatchObject({ code: 'ENOENT' });
    // `sync --file-system` refuses a folder that does not exist, so each file is flushed instead.
    const many = Array.from({ length: 40 }, (_, i) => join(folder, 'gone', `${i}.txt`));
    await expect(flushTogether(many)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
