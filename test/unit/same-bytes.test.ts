import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameBytes } from '../../electron/fs/same-bytes';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let temp: TempDir;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.remove());

function file(name: string, data: Buffer): string {
  const path = join(temp.path, name);
  writeFileSync(path, data);
  return path;
}

describe('sameBytes', () => {
  const big = randomBytes(600_000);

  it('says yes for equal files larger than one read', async () => {
    expect(await sameBytes(file('a', big), file('b', Buffer.from(big)))).toBe(true);
  });

  it('says no when only the last byte differs, or only the size', async () => {
    const last = Buffer.from(big);
    last[last.length - 1] = (last.at(-1) ?? 0) ^ 1;
    expect(await sameBytes(file('a', big), file('b', last))).toBe(false);
    expect(await sameBytes(file('c', big), file('d', big.subarray(0, big.length - 1)))).toBe(false);
  });

  it('says no for a folder, which holds no bytes to compare', async () => {
    mkdirSync(join(temp.path, 'folder'));
    expect(await sameBytes(file('a', Buffer.alloc(0)), join(temp.path, 'folder'))).toBe(false);
  });
});
