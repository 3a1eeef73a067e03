import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, startFerry } from './ferry-cli';

let profile: TempDir;
beforeEach(async () => {
  profile = await makeTempDir('ferry-closed-output-');
});
afterEach(() => profile.remove());

describe('ferry with a reader that stops early', () => {
  it('ends quietly with exit 0 when stdout closes, as ferry ls --json | head does', async () => {
    // Far more than a pipe holds, so ls is still writing when the reader goes away.
    const list = join(profile.path, 'links.txt');
    const links = Array.from({ length: 2000 }, (_, i) => `https://x.test/file-${i}.bin`);
    await writeFile(list, links.join('\n'));
    expect((await ferry(['add', '-i', list, '-o', join(profile.path, 'out')], profile.path)).code).toBe(0);

    const listing = startFerry(['ls', '--json'], profile.path);
    let firstLine = '';
    listing.stdout?.once('data', (chunk: Buffer) => {
      firstLine = chunk.toString().split('\n')[0] ?? '';
      listing.stdout?.destroy();
    });
    const result = await listing.result;
    expect(JSON.parse(firstLine)).toMatchObject({ id: 1, status: 'queued' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 30_000);
});
