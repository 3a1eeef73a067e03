import { lstat, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResumeState } from '../../electron/engine/transfer-types';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { bytes, type Harness, startHarness } from './engine-harness';

let h: Harness;
let outside: TempDir;
beforeEach(async () => {
  h = await startHarness();
  outside = await makeTempDir('ferry-outside-');
});
afterEach(async () => {
  await h.close();
  await outside.remove();
});

const untouched = Buffer.from('a file outside the download folder, which Ferry must never write');

describe('a .part swapped for a symbolic link between runs', () => {
  it('is never written through: the link goes, its target stays as it was, and the download starts over', async () => {
    const file = bytes(200_000);
    h.server.route('/linked.bin', { body: file, etag: '"l"' });
    const target = join(outside.path, 'victim.txt');
    await writeFile(target, untouched);
    await symlink(target, join(h.folder.path, 'linked.bin.part'));
    // The state claims its first 10 bytes are on disk, as a paused download's would.
    const state: ResumeState = {
      fileName: 'linked.bin',
      size: file.length,
      etag: '"l"',
      ranges: [{ start: 10, end: file.length }],
    };

    const outcome = await h.start({ spec: { url: h.server.url('/linked.bin') }, resume: state }).transfer.run();

    expect(outcome).toMatchObject({ status: 'done', path: join(h.folder.path, 'linked.bin') });
    expect(await readFile(target)).toEqual(untouched);
    expect((await lstat(join(h.folder.path, 'linked.bin'))).isSymbolicLink()).toBe(false);
    expect((await h.read('linked.bin')).equals(file)).toBe(true);
    expect(h.server.requests[0]?.headers.range).toBe('bytes=0-');
  });
});

describe('a symbolic link planted at the final name', () => {
  it('is left alone: the file lands beside it and the link target is not written', async () => {
    const file = bytes(50_000);
    h.server.route('/final.bin', { body: file });
    const target = join(outside.path, 'victim.txt');
    await writeFile(target, untouched);
    await symlink(target, join(h.folder.path, 'final.bin'));

    const outcome = await h.start({ spec: { url: h.server.url('/final.bin') } }).transfer.run();

    expect(outcome).toMatchObject({ status: 'done', path: join(h.folder.path, 'final (1).bin') });
    expect(await readFile(target)).toEqual(untouched);
    expect((await h.read('final (1).bin')).equals(file)).toBe(true);
  });

  it('is left alone when it dangles: nothing is created where it points', async () => {
    h.server.route('/dangling.bin', { body: bytes(50_000) });
    const target = join(outside.path, 'not-there.bin');
    await symlink(target, join(h.folder.path, 'dangling.bin'));

    const outcome = await h.start({ spec: { url: h.server.url('/dangling.bin') } }).transfer.run();

    expect(outcome).toMatchObject({ status: 'done', path: join(h.folder.path, 'dangling (1).bin') });
    await expect(lstat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
