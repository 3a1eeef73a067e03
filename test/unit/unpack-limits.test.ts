import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnpackError } from '../../electron/archives/archive-entry';
import { unpackArchive } from '../../electron/archives/unpack';
import { defaultUnpackLimits, type UnpackLimits, unpackLimitsOf } from '../../electron/archives/unpack-limits';
import { defaultProviders } from '../../electron/providers/registry';
import { defaultSettings, settingProblem } from '../../shared/settings';
import { writeCraftedTar, writeCraftedZip } from '../support/archive-fixtures';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let temp: TempDir;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.remove());

const MiB = 1024 * 1024;
const generous: UnpackLimits = { maxRatio: 100_000, maxBytes: 1024 ** 4, maxEntries: 1_000_000 };

function unpack(archive: string, limits: UnpackLimits) {
  return unpackArchive(archive, { stagingName: '.ferry-unpack-1', limits });
}

/** A failed unpack leaves the archive, and only the archive, where it was. */
function expectOnlyArchive(archive: string, bytes: Buffer): void {
  expect(readdirSync(temp.path)).toEqual([archive.split('/').at(-1)]);
  expect(readFileSync(archive)).toEqual(bytes);
}

/** A gzipped TAR whose ustar size says 0 while its PAX header, which wins, says the real size. */
function gzippedTarHidingItsSize(path: string, data: Buffer): Buffer {
  const plain = join(temp.path, 'plain.tar');
  writeCraftedTar(plain, [{ name: 'zeros.bin', data, declaredSize: 0, pax: { size: String(data.length) } }]);
  const bytes = gzipSync(readFileSync(plain));
  writeFileSync(path, bytes);
  rmSync(plain);
  return bytes;
}

describe('unpack limits', () => {
  it('refuses a ZIP bomb by ratio before writing anything, naming the limit and the setting', async () => {
    const zip = join(temp.path, 'scene.zip');
    writeCraftedZip(zip, [{ name: 'zeros.bin', data: Buffer.alloc(50 * MiB), deflate: true }]);
    const bytes = readFileSync(zip);
    expect(bytes.length).toBeLessThan(100 * 1024);
    const failure = await unpack(zip, { ...generous, maxRatio: 100 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnpackError);
    expect((failure as Error).message).toBe(
      `Unpacking stopped: scene.zip would expand past 100 times its size (the limit in Settings › Unpacking › Largest expansion (times the archive), unpackMaxRatio in settings.json). What it wrote was removed and the archive is kept at ${zip}; raise the limit if you trust it.`,
    );
    expectOnlyArchive(zip, bytes);
  });

  it('stops a gzipped TAR by ratio on the bytes it writes, whatever its headers claim', async () => {
    const archive = join(temp.path, 'scene.tar.gz');
    const bytes = gzippedTarHidingItsSize(archive, Buffer.alloc(50 * MiB));
    await expect(unpack(archive, { ...generous, maxRatio: 100 })).rejects.toThrow(
      'scene.tar.gz would expand past 100 times its size',
    );
    expectOnlyArchive(archive, bytes);
  });

  it('lets the same TAR through with a higher ratio', async () => {
    const archive = join(temp.path, 'scene.tar.gz');
    gzippedTarHidingItsSize(archive, Buffer.alloc(50 * MiB));
    const result = await unpack(archive, generous);
    expect(readFileSync(result?.path ?? '').length).toBe(50 * MiB);
  });

  it('lets a small archive expand far past the ratio within its first 16 MiB', async () => {
    const zip = join(temp.path, 'blank.zip');
    writeCraftedZip(zip, [{ name: 'blank.bin', data: Buffer.alloc(10 * MiB), deflate: true }]);
    const result = await unpack(zip, { ...generous, maxRatio: 2 });
    expect(readFileSync(result?.path ?? '').length).toBe(10 * MiB);
  });

  it('stops a TAR at the total cap on the bytes written, and removes them', async () => {
    const tar = join(temp.path, 'pack.tar');
    // Past the size written in one go, so the last part streams and is stopped partway.
    const data = Buffer.alloc(MiB + 4096, 1);
    writeCraftedTar(
      tar,
      [1, 2, 3, 4].map((n) => ({ name: `part-${n}.bin`, data })),
    );
    const bytes = readFileSync(tar);
    await expect(unpack(tar, { ...generous, maxBytes: 3.5 * MiB })).rejects.toThrow(
      'Unpacking stopped: pack.tar would write more than 3.5 MiB (the limit in Settings › Unpacking › Largest unpack (GiB), unpackMaxGiB in settings.json).',
    );
    expectOnlyArchive(tar, bytes);
  }, 20_000);

  it('refuses a ZIP whose directory lists more entries than the limit', async () => {
    const zip = join(temp.path, 'many.zip');
    writeCraftedZip(
      zip,
      Array.from({ length: 5 }, (_, n) => ({ name: `${n}.txt`, data: Buffer.from('x') })),
    );
    await expect(unpack(zip, { ...generous, maxEntries: 4 })).rejects.toThrow('many.zip holds more than 4 entries');
    expectOnlyArchive(zip, readFileSync(zip));
  });

  it('counts every TAR entry, links and folders too', async () => {
    const tar = join(temp.path, 'links.tar');
    writeCraftedTar(tar, [
      { name: 'folder/', type: '5' },
      ...Array.from({ length: 4 }, (_, n) => ({ name: `link-${n}`, type: '2' })),
    ]);
    await expect(unpack(tar, { ...generous, maxEntries: 4 })).rejects.toThrow('links.tar holds more than 4 entries');
    await expect(unpack(tar, { ...generous, maxEntries: 5 })).resolves.toMatchObject({ skipped: 4 });
  });

  it('fails a ZIP whose listing understates an entry without writing past it', async () => {
    const zip = join(temp.path, 'liar.zip');
    writeCraftedZip(zip, [{ name: 'zeros.bin', data: Buffer.alloc(20 * MiB), deflate: true, declaredSize: 1000 }]);
    await expect(unpack(zip, generous)).rejects.toThrow('does not hold the 1000 bytes its listing says');
    expectOnlyArchive(zip, readFileSync(zip));
  });
});

describe('unpack limit settings', () => {
  it('default to 200 times, 20 GiB and 100,000 entries', () => {
    expect(defaultUnpackLimits).toEqual({ maxRatio: 200, maxBytes: 20 * 1024 ** 3, maxEntries: 100_000 });
  });

  it('turn GiB into bytes', () => {
    expect(unpackLimitsOf({ unpackMaxRatio: 3, unpackMaxGiB: 0.5, unpackMaxEntries: 9 })).toEqual({
      maxRatio: 3,
      maxBytes: 512 * MiB,
      maxEntries: 9,
    });
  });

  it('refuse values that would switch the limits off or make no sense', () => {
    expect(settingProblem('unpackMaxRatio', 0)).toBe('Let archives expand at least 1 time their size.');
    expect(settingProblem('unpackMaxRatio', 2.5)).toBe('The expansion limit must be a whole number.');
    expect(settingProblem('unpackMaxGiB', 0)).toBe('Let an archive write at least 0.01 GiB (10 MiB).');
    expect(settingProblem('unpackMaxEntries', -1)).toBe('Let an archive hold at least 1 entry.');
    expect(settingProblem('unpackMaxGiB', 1.5)).toBeNull();
  });

  it('reach post-processing through the providers, read at each use', () => {
    let settings = defaultSettings('');
    const providers = defaultProviders(() => settings);
    expect(providers.unpackLimits().maxRatio).toBe(200);
    settings = { ...settings, unpackMaxRatio: 7, unpackMaxGiB: 1 };
    expect(providers.unpackLimits()).toEqual({ maxRatio: 7, maxBytes: 1024 ** 3, maxEntries: 100_000 });
  });
});
