import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeEarlierCopy } from '../../electron/downloads/earlier-copy';
import { captureLogger } from '../support/capture-logger';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let temp: TempDir;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.remove());

function file(name: string, data: string): string {
  const path = join(temp.path, name);
  writeFileSync(path, data);
  return path;
}

function context(claimed: string[] = []) {
  return { store: { claims: (path: string) => claimed.includes(path) }, logger: captureLogger() };
}

describe('takeEarlierCopy', () => {
  it('takes an identical file no download claims, and removes the new copy', async () => {
    const earlier = file('model.bin', 'mesh');
    const saved = file('model (1).bin', 'mesh');
    const used = context();
    expect(await takeEarlierCopy(7, { path: saved, size: 4 }, used)).toEqual({ path: earlier, size: 4 });
    expect(existsSync(saved)).toBe(false);
    expect(used.logger.lines.join('\n')).toContain(`Download 7 found its file already at ${earlier}`);
  });

  it('looks past numbered names a download claims, or that differ, to the first identical free one', async () => {
    file('model.bin', 'other');
    const claimed = file('model (1).bin', 'mesh');
    const free = file('model (2).bin', 'mesh');
    const saved = file('model (3).bin', 'mesh');
    expect(await takeEarlierCopy(1, { path: saved }, context([claimed]))).toEqual({ path: free });
  });

  it('keeps the new file when the earlier one differs, is claimed, or is missing', async () => {
    file('a.bin', 'one');
    const differs = file('a (1).bin', 'two');
    expect(await takeEarlierCopy(1, { path: differs }, context())).toEqual({ path: differs });
    const claimed = file('b.bin', 'same');
    const beside = file('b (1).bin', 'same');
    expect(await takeEarlierCopy(1, { path: beside }, context([claimed]))).toEqual({ path: beside });
    const alone = file('c (1).bin', 'same');
    expect(await takeEarlierCopy(1, { path: alone }, context())).toEqual({ path: alone });
    expect([differs, beside, alone].every((path) => existsSync(path))).toBe(true);
  });

  it('leaves a name without a number alone', async () => {
    const saved = file('model.bin', 'mesh');
    expect(await takeEarlierCopy(1, { path: saved }, context())).toEqual({ path: saved });
  });
});
