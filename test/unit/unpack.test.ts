import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnpackError } from '../../electron/archives/archive-entry';
import { type UnpackOptions, unpackArchive } from '../../electron/archives/unpack';
import { runTool, writeCraftedTar, writeCraftedZip } from '../support/archive-fixtures';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let temp: TempDir;
let source: string;
let downloads: string;
const staging = { stagingName: '.ferry-unpack-1' };

beforeEach(async () => {
  temp = await makeTempDir();
  source = join(temp.path, 'source');
  downloads = join(temp.path, 'downloads');
  mkdirSync(source);
  mkdirSync(downloads);
});
afterEach(() => temp.remove());

const longName = `${'very-long-folder-name-'.repeat(6)}/${'texture-'.repeat(20)}.png`;

/** A small project as an artist would zip it: nested folders, a long path, an executable, dated files. */
function makeProject(): void {
  mkdirSync(join(source, 'models', 'textures'), { recursive: true });
  mkdirSync(join(source, longName, '..'), { recursive: true });
  writeFileSync(join(source, 'models', 'chair.glb'), Buffer.alloc(70_000, 7));
  writeFileSync(join(source, 'models', 'textures', 'wood.png'), 'wood');
  writeFileSync(join(source, longName), 'long');
  writeFileSync(join(source, 'build.sh'), '#!/bin/sh\n');
  chmodSync(join(source, 'build.sh'), 0o755);
  utimesSync(join(source, 'models', 'chair.glb'), new Date('2021-05-06T07:08:09Z'), new Date('2021-05-06T07:08:09Z'));
}

function expectProjectIn(folder: string): void {
  expect(readFileSync(join(folder, 'models', 'chair.glb'))).toEqual(Buffer.alloc(70_000, 7));
  expect(readFileSync(join(folder, 'models', 'textures', 'wood.png'), 'utf8')).toBe('wood');
  expect(readFileSync(join(folder, longName), 'utf8')).toBe('long');
  expect(statSync(join(folder, 'build.sh')).mode & 0o111).not.toBe(0);
  expect(statSync(join(folder, 'models', 'chair.glb')).mtime.toISOString()).toBe('2021-05-06T07:08:09.000Z');
}

function listing(folder: string): string[] {
  return readdirSync(folder).sort();
}

describe('unpacking archives made by real tools', () => {
  it.each([
    ['GNU tar', 'project.tar', ['--format=gnu', '-cf']],
    ['POSIX pax tar', 'project.tar', ['--format=pax', '-cf']],
    ['gzip-compressed tar', 'project.tar.gz', ['-czf']],
  ])('unpacks a %s into a folder named after it, keeping the archive', async (_kind, name, flags) => {
    makeProject();
    runTool('tar', [...flags, join(downloads, name), '.'], source);
    const result = await unpackArchive(join(downloads, name), staging);
    expect(result).toMatchObject({ path: join(downloads, 'project'), files: 4, skipped: 0 });
    expectProjectIn(join(downloads, 'project'));
    expect(listing(downloads)).toEqual(['project', name]);
  });

  it('unpacks a ZIP from Info-ZIP, with its permissions and dates', async () => {
    makeProject();
    runTool('zip', ['-qr', join(downloads, 'project.zip'), '.'], source);
    const result = await unpackArchive(join(downloads, 'project.zip'), staging);
    expect(result).toMatchObject({ path: join(downloads, 'project'), format: 'zip', files: 4 });
    expectProjectIn(join(downloads, 'project'));
    expect(listing(downloads)).toEqual(['project', 'project.zip']);
  });

  it('recognises archives by their bytes, whatever the name says', async () => {
    writeFileSync(join(source, 'a.txt'), 'a');
    writeFileSync(join(source, 'b.txt'), 'b');
    runTool('tar', ['-cf', join(downloads, 'QmSomeCid'), 'a.txt', 'b.txt'], source);
    const result = await unpackArchive(join(downloads, 'QmSomeCid'), staging);
    expect(result?.format).toBe('tar');
    expect(listing(join(downloads, 'QmSomeCid (1)'))).toEqual(['a.txt', 'b.txt']);
  });

  it('puts a lone top-level folder beside the archive instead of nesting it', async () => {
    mkdirSync(join(source, 'photos'));
    writeFileSync(join(source, 'photos', 'one.jpg'), '1');
    runTool('zip', ['-qr', join(downloads, 'holiday.zip'), 'photos'], source);
    const result = await unpackArchive(join(downloads, 'holiday.zip'), staging);
    expect(result?.path).toBe(join(downloads, 'photos'));
    expect(listing(join(downloads, 'photos'))).toEqual(['one.jpg']);
  });

  it('puts a lone file beside the archive, the way a CID store wraps one file in a TAR', async () => {
    writeFileSync(join(source, 'scene.glb'), 'scene');
    runTool('tar', ['-cf', join(downloads, 'wrapped.tar'), 'scene.glb'], source);
    const result = await unpackArchive(join(downloads, 'wrapped.tar'), staging);
    expect(result).toMatchObject({ path: join(downloads, 'scene.glb'), files: 1 });
    expect(readFileSync(join(downloads, 'scene.glb'), 'utf8')).toBe('scene');
  });

  it('never replaces what is already in the folder', async () => {
    writeFileSync(join(source, 'a.txt'), 'new');
    writeFileSync(join(source, 'b.txt'), 'new');
    runTool('zip', ['-q', join(downloads, 'pack.zip'), 'a.txt', 'b.txt'], source);
    mkdirSync(join(downloads, 'pack'));
    writeFileSync(join(downloads, 'pack', 'a.txt'), 'mine');
    const first = await unpackArchive(join(downloads, 'pack.zip'), staging);
    const second = await unpackArchive(join(downloads, 'pack.zip'), staging);
    expect([first?.path, second?.path]).toEqual([join(downloads, 'pack (1)'), join(downloads, 'pack (2)')]);
    expect(readFileSync(join(downloads, 'pack', 'a.txt'), 'utf8')).toBe('mine');
  });

  it('skips symbolic links rather than recreating them', async () => {
    writeFileSync(join(source, 'real.txt'), 'real');
    symlinkSync('/etc/passwd', join(source, 'link'));
    runTool('tar', ['-cf', join(downloads, 'links.tar'), 'real.txt', 'link'], source);
    const result = await unpackArchive(join(downloads, 'links.tar'), staging);
    expect(result).toMatchObject({ path: join(downloads, 'real.txt'), files: 1, skipped: 1 });
  });

  it('passes over the bytes of TAR entries it does not unpack', async () => {
    writeCraftedTar(join(downloads, 'odd.tar'), [
      { name: 'tape-volume', type: 'V', data: Buffer.alloc(100_000, 1) },
      { name: '.', data: Buffer.alloc(100_000, 2) },
      { name: 'after.txt', data: Buffer.from('after') },
    ]);
    const result = await unpackArchive(join(downloads, 'odd.tar'), staging);
    expect(result).toMatchObject({ path: join(downloads, 'after.txt'), files: 1, skipped: 1 });
    expect(readFileSync(join(downloads, 'after.txt'), 'utf8')).toBe('after');
  });

  it('answers null for a file that is not an archive, and leaves it alone', async () => {
    writeFileSync(join(downloads, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    expect(await unpackArchive(join(downloads, 'photo.jpg'), staging)).toBeNull();
    expect(listing(downloads)).toEqual(['photo.jpg']);
  });

  it('lets a later entry for the same path win, as tar does when files are appended', async () => {
    writeCraftedTar(join(downloads, 'appended.tar'), [
      { name: 'notes.txt', data: Buffer.from('first') },
      { name: 'other.txt', data: Buffer.from('other') },
      { name: 'notes.txt', data: Buffer.from('second') },
    ]);
    await unpackArchive(join(downloads, 'appended.tar'), staging);
    expect(readFileSync(join(downloads, 'appended', 'notes.txt'), 'utf8')).toBe('second');
  });

  it('reads the sizes and times tar writes for files over 8 GiB: base-256 numbers and PAX records', async () => {
    writeCraftedTar(join(downloads, 'sizes.tar'), [
      { name: 'binary.bin', data: Buffer.from('base-256 size'), binarySize: true },
      { name: 'pax.bin', data: Buffer.alloc(5000, 3), declaredSize: 0, pax: { size: '5000', mtime: '1600000000.5' } },
      { name: 'after.txt', data: Buffer.from('after') },
    ]);
    const result = await unpackArchive(join(downloads, 'sizes.tar'), staging);
    const folder = join(downloads, 'sizes');
    expect(result?.files).toBe(3);
    expect(readFileSync(join(folder, 'binary.bin'), 'utf8')).toBe('base-256 size');
    expect(readFileSync(join(folder, 'pax.bin'))).toEqual(Buffer.alloc(5000, 3));
    expect(statSync(join(folder, 'pax.bin')).mtime.toISOString()).toBe('2020-09-13T12:26:40.500Z');
    expect(readFileSync(join(folder, 'after.txt'), 'utf8')).toBe('after');
  });

  it('lets the later of two ZIP entries with one path win, though entries unpack several at a time', async () => {
    writeCraftedZip(join(downloads, 'twice.zip'), [
      { name: 'notes.txt', data: Buffer.alloc(300_000, 1), deflate: true },
      { name: 'other.txt', data: Buffer.from('other') },
      { name: 'notes.txt', data: Buffer.from('second') },
    ]);
    await unpackArchive(join(downloads, 'twice.zip'), staging);
    expect(readFileSync(join(downloads, 'twice', 'notes.txt'), 'utf8')).toBe('second');
  });

  it('reads a ZIP too large to hold in memory from the disk, entry by entry', async () => {
    const large = randomBytes(65 * 1024 * 1024);
    writeCraftedZip(join(downloads, 'disk.zip'), [
      { name: 'disk/large.bin', data: large },
      { name: 'disk/small.txt', data: Buffer.from('small'), deflate: true },
    ]);
    const result = await unpackArchive(join(downloads, 'disk.zip'), { stagingName: '.staging' });
    expect(result?.files).toBe(2);
    expect(readFileSync(join(downloads, 'disk', 'large.bin')).equals(large)).toBe(true);
    expect(readFileSync(join(downloads, 'disk', 'small.txt'), 'utf8')).toBe('small');
  });

  it('turns backslashes from Windows tools into folders', async () => {
    writeCraftedZip(join(downloads, 'win.zip'), [
      { name: 'art\\a.png', data: Buffer.from('a') },
      { name: 'b.png', data: Buffer.from('b') },
    ]);
    await unpackArchive(join(downloads, 'win.zip'), staging);
    expect(readFileSync(join(downloads, 'win', 'art', 'a.png'), 'utf8')).toBe('a');
  });
});

describe('making hostile entry names safe', () => {
  const hostile = [
    { name: 'a:b.txt', data: Buffer.from('colon') },
    { name: '.bashrc', data: Buffer.from('dot') },
    { name: '.ssh/authorized_keys', data: Buffer.from('keys') },
    { name: 'photo\u202Egnp.exe', data: Buffer.from('rlo') },
  ];
  const expectSafeNames = (folder: string) => {
    expect(listing(folder)).toEqual(['_.bashrc', '_.ssh', 'a_b.txt', 'photognp.exe']);
    expect(readFileSync(join(folder, 'a_b.txt'), 'utf8')).toBe('colon');
    expect(readFileSync(join(folder, '_.ssh', 'authorized_keys'), 'utf8')).toBe('keys');
  };

  it('unpacks a ZIP whose names hold a colon, a leading dot or a right-to-left override, under safe names', async () => {
    writeCraftedZip(join(downloads, 'hostile.zip'), hostile);
    await unpackArchive(join(downloads, 'hostile.zip'), staging);
    expectSafeNames(join(downloads, 'hostile'));
  });

  it('does the same for a TAR', async () => {
    writeCraftedTar(join(downloads, 'hostile.tar'), hostile);
    await unpackArchive(join(downloads, 'hostile.tar'), staging);
    expectSafeNames(join(downloads, 'hostile'));
  });
});

describe('refusing archives that are unsafe or damaged', () => {
  async function expectRefused(archive: string, message: RegExp, options: UnpackOptions = staging): Promise<void> {
    const before = listing(downloads);
    await expect(unpackArchive(archive, options)).rejects.toThrow(message);
    await expect(unpackArchive(archive, options)).rejects.toBeInstanceOf(UnpackError);
    // Nothing half-unpacked and no staging folder is left; the archive itself is kept.
    expect(listing(downloads)).toEqual(before);
    expect(listing(temp.path)).toEqual(['downloads', 'source']);
  }

  it.each([
    ['a parent-folder path', '../../escaped.txt'],
    ['an absolute path', '/tmp/escaped.txt'],
    ['a Windows drive path', 'C:\\Windows\\escaped.txt'],
    ['a Windows drive path with slashes', 'c:/Windows/escaped.txt'],
    ['a Windows network path', '\\\\server\\share\\escaped.txt'],
  ])('refuses a ZIP with %s and writes nothing', async (_kind, name) => {
    writeCraftedZip(join(downloads, 'slip.zip'), [
      { name: 'fine.txt', data: Buffer.from('fine') },
      { name, data: Buffer.from('evil') },
    ]);
    await expectRefused(join(downloads, 'slip.zip'), /outside its folder/);
  });

  it('refuses a TAR that climbs out of its folder', async () => {
    writeCraftedTar(join(downloads, 'slip.tar'), [
      { name: 'ok.txt', data: Buffer.from('ok') },
      { name: 'a/../../escaped.txt', data: Buffer.from('evil') },
    ]);
    await expectRefused(join(downloads, 'slip.tar'), /outside its folder/);
  });

  it('refuses an archive that holds a file and a folder with the same name', async () => {
    writeCraftedTar(join(downloads, 'clash.tar'), [
      { name: 'model', data: Buffer.from('a file') },
      { name: 'model/texture.png', data: Buffer.from('inside a folder') },
    ]);
    await expectRefused(join(downloads, 'clash.tar'), /a file and a folder with the same name/);
  });

  it('refuses a ZIP whose file and folder share a name, with nothing left behind by the writes running beside', async () => {
    const textures = Array.from({ length: 40 }, (_, n) => ({ name: `textures/${n}.png`, data: randomBytes(50_000) }));
    writeCraftedZip(join(downloads, 'clash.zip'), [
      ...textures.slice(0, 20),
      { name: 'model', data: Buffer.from('a file') },
      { name: 'model/texture.png', data: Buffer.from('inside a folder') },
      ...textures.slice(20),
    ]);
    await expectRefused(join(downloads, 'clash.zip'), /a file and a folder with the same name/);
  });

  it('refuses a ZIP whose file does not match its CRC-32', async () => {
    writeCraftedZip(join(downloads, 'flipped.zip'), [
      { name: 'a.txt', data: Buffer.from('intact') },
      { name: 'b.txt', data: Buffer.from('one bit flipped'), wrongCrc: true },
    ]);
    await expectRefused(join(downloads, 'flipped.zip'), /"b.txt" does not match its checksum/);
  });

  it('refuses a ZIP entry that inflates beyond the size it declares (a ZIP bomb)', async () => {
    writeCraftedZip(join(downloads, 'bomb.zip'), [
      { name: 'zeros.bin', data: Buffer.alloc(4 * 1024 * 1024), deflate: true, declaredSize: 1000 },
      { name: 'other.bin', data: Buffer.from('x') },
    ]);
    await expectRefused(join(downloads, 'bomb.zip'), /"zeros.bin" does not hold the 1000 bytes its listing says/);
  });

  it('checks the size and CRC-32 of entries too large to inflate at once, which stream', async () => {
    const large = randomBytes(3 * 1024 * 1024);
    writeCraftedZip(join(downloads, 'large-flipped.zip'), [{ name: 'big.bin', data: large, wrongCrc: true }]);
    await expectRefused(join(downloads, 'large-flipped.zip'), /"big.bin" does not match its checksum/);
    writeCraftedZip(join(downloads, 'large-bomb.zip'), [
      { name: 'big.bin', data: large, deflate: true, declaredSize: 2 * 1024 * 1024 },
    ]);
    await expectRefused(join(downloads, 'large-bomb.zip'), /damaged/);
  });

  it('says which small entry does not hold the size its listing gives', async () => {
    writeCraftedZip(join(downloads, 'short.zip'), [
      { name: 'short.txt', data: Buffer.from('fewer bytes'), deflate: true, declaredSize: 5000 },
    ]);
    await expectRefused(join(downloads, 'short.zip'), /"short.txt" does not hold the 5000 bytes its listing says/);
  });

  it('says how much space is needed when the disk cannot hold files the unpack limits allow', async () => {
    writeCraftedZip(join(downloads, 'huge.zip'), [
      ...Array.from({ length: 600 }, (_, n) => ({ name: `${n}.bin`, deflate: true, declaredSize: 0xfffffff0 })),
    ]);
    const limits = { maxRatio: 1e12, maxBytes: 1024 ** 5, maxEntries: 1000 };
    await expectRefused(join(downloads, 'huge.zip'), /Unpacking needs 2\.\d+ TiB but the disk has .* free/, {
      ...staging,
      limits,
    });
  });

  it('names the unpack limit before the disk, for a ZIP that lists more than the limits allow', async () => {
    writeCraftedZip(join(downloads, 'huge.zip'), [{ name: 'a.bin', deflate: true, declaredSize: 0xfffffff0 }]);
    await expectRefused(join(downloads, 'huge.zip'), /^Unpacking stopped: huge\.zip would expand past 200 times/);
  });

  it('refuses a password-protected ZIP with a message that says so', async () => {
    writeFileSync(join(source, 'secret.txt'), 'secret');
    writeFileSync(join(source, 'other.txt'), 'other');
    runTool('zip', ['-q', '-P', 'pw', join(downloads, 'locked.zip'), 'secret.txt', 'other.txt'], source);
    await expectRefused(join(downloads, 'locked.zip'), /encrypted/);
  });

  it('reports a truncated gzip TAR as incomplete', async () => {
    writeFileSync(join(source, 'noise.bin'), randomBytes(300_000));
    writeFileSync(join(source, 'more.bin'), 'more');
    runTool('tar', ['-czf', join(source, 'whole.tgz'), 'noise.bin', 'more.bin'], source);
    const whole = readFileSync(join(source, 'whole.tgz'));
    writeFileSync(join(downloads, 'cut.tgz'), whole.subarray(0, Math.floor(whole.length / 2)));
    await expectRefused(join(downloads, 'cut.tgz'), /incomplete/);
  });

  it('reports a plain TAR cut off in the middle of a file as incomplete', async () => {
    writeFileSync(join(source, 'noise.bin'), randomBytes(300_000));
    runTool('tar', ['-cf', join(source, 'whole.tar'), 'noise.bin'], source);
    writeFileSync(join(downloads, 'cut.tar'), readFileSync(join(source, 'whole.tar')).subarray(0, 100_000));
    await expectRefused(join(downloads, 'cut.tar'), /incomplete/);
  });

  it('reports a TAR that promises a file over 8 GiB but ends early as incomplete', async () => {
    writeCraftedTar(join(downloads, 'short.tar'), [
      { name: 'model.bin', data: Buffer.alloc(2 * 1024 * 1024, 1), declaredSize: 10 * 1024 ** 3, binarySize: true },
    ]);
    await expectRefused(join(downloads, 'short.tar'), /incomplete/);
  });

  it('reports a gzip TAR whose compressed data is corrupt as damaged', async () => {
    writeFileSync(join(source, 'noise.bin'), randomBytes(300_000));
    runTool('tar', ['-czf', join(source, 'whole.tgz'), 'noise.bin'], source);
    const bytes = readFileSync(join(source, 'whole.tgz'));
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    writeFileSync(join(downloads, 'corrupt.tgz'), bytes);
    await expectRefused(join(downloads, 'corrupt.tgz'), /compressed data does not decompress/);
  });

  it('reports a TAR whose header checksum is wrong as damaged', async () => {
    writeCraftedTar(join(downloads, 'bad.tar'), [{ name: 'a.txt', data: Buffer.from('a') }]);
    const bytes = readFileSync(join(downloads, 'bad.tar'));
    bytes[0] = 'b'.charCodeAt(0);
    writeFileSync(join(downloads, 'bad.tar'), bytes);
    await expectRefused(join(downloads, 'bad.tar'), /damaged/);
  });

  it('stops when aborted and leaves no staging folder behind', async () => {
    makeProject();
    runTool('zip', ['-qr', join(downloads, 'project.zip'), '.'], source);
    const controller = new AbortController();
    controller.abort();
    await expect(
      unpackArchive(join(downloads, 'project.zip'), { ...staging, signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
    expect(listing(downloads)).toEqual(['project.zip']);
  });

  it('clears the staging folder a crashed run left behind', async () => {
    writeFileSync(join(source, 'a.txt'), 'a');
    writeFileSync(join(source, 'b.txt'), 'b');
    runTool('zip', ['-q', join(downloads, 'pack.zip'), 'a.txt', 'b.txt'], source);
    mkdirSync(join(downloads, staging.stagingName));
    writeFileSync(join(downloads, staging.stagingName, 'half.txt'), 'half');
    await unpackArchive(join(downloads, 'pack.zip'), staging);
    expect(listing(downloads)).toEqual(['pack', 'pack.zip']);
    expect(listing(join(downloads, 'pack'))).toEqual(['a.txt', 'b.txt']);
  });
});
