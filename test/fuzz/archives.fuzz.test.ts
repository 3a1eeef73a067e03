import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnpackError } from '../../electron/archives/archive-entry';
import { unpackArchive } from '../../electron/archives/unpack';
import { defaultUnpackLimits, type UnpackLimits } from '../../electron/archives/unpack-limits';
import {
  type CraftedTarEntry,
  type CraftedZipEntry,
  writeCraftedTar,
  writeCraftedZip,
} from '../support/archive-fixtures';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { expectClearError, fuzzRuns, fuzzTimeout, outcomeOf, settleWithin } from './fuzz-runs';

const MiB = 1024 * 1024;
let temp: TempDir;
let runs = 0;
beforeAll(async () => {
  temp = await makeTempDir();
  writeFileSync(join(temp.path, 'outside.txt'), 'untouched');
});
afterAll(() => temp.remove());

/** Names an attacker writes into an archive: climbing out, absolute, drive letters, format characters, Windows separators. */
const segment = fc.oneof(
  fc.constantFrom('..', '.', '', 'a', 'b.txt', 'C:', 'a:b.txt', '\u202Egnp.exe', '\u200B', '.bashrc', 'con', '~'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
);
const entryName = fc
  .tuple(
    fc.constantFrom('', '/', '\\', 'C:\\', 'c:/', './'),
    fc.array(segment, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('/', '\\'),
  )
  .map(([start, segments, separator]) => start + segments.join(separator))
  .filter((name) => Buffer.byteLength(name) <= 100);
const data = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
);

/** TAR types: file, hard link, symbolic link, character and block device, folder, FIFO, and a few unknown ones. */
const tarEntry: fc.Arbitrary<CraftedTarEntry> = fc.record({
  name: entryName,
  data,
  type: fc.constantFrom('0', '0', '0', '1', '2', '3', '4', '5', '6', '7', 'K', 'Z'),
});
const zipEntry: fc.Arbitrary<CraftedZipEntry> = fc.record({
  name: entryName,
  data,
  deflate: fc.boolean(),
  // Regular file, symbolic link, folder, character device, FIFO, socket, or no Unix mode at all.
  unixMode: fc.constantFrom(undefined, 0o100644, 0o100755, 0o120777, 0o040755, 0o020644, 0o010644, 0o140755, 0o104755),
});

/** Every path under the folder, which must hold only plain files and folders: no links, devices or FIFOs. */
function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    const info = lstatSync(path);
    expect(info.isFile() || info.isDirectory(), `${path} is neither a file nor a folder`).toBe(true);
    expect(info.mode & 0o7000, `${path} kept setuid, setgid or sticky bits`).toBe(0);
    return info.isDirectory() ? [path, ...walk(path)] : [path];
  });
}

/** Unpacks the archive in a folder of its own; judges the outcome and that nothing was written outside that folder. */
async function unpackHostile(write: (archive: string) => void, limits: UnpackLimits = defaultUnpackLimits) {
  const folder = join(temp.path, `run-${runs++}`);
  mkdirSync(folder);
  const archive = join(folder, 'hostile.bin');
  write(archive);
  const before = readFileSync(archive);
  const outcome = await outcomeOf(
    settleWithin(unpackArchive(archive, { stagingName: '.ferry-unpack-1', limits }), 20_000, archive),
  );
  if ('error' in outcome) {
    expectClearError(outcome.error, [UnpackError]);
    expect(readdirSync(folder)).toEqual(['hostile.bin']);
  } else {
    for (const path of walk(folder)) expect(relative(folder, path).startsWith('..')).toBe(false);
  }
  expect(readFileSync(archive).equals(before)).toBe(true);
  expect(readFileSync(join(temp.path, 'outside.txt'), 'utf8')).toBe('untouched');
  expect(readdirSync(temp.path).filter((name) => !name.startsWith('run-'))).toEqual(['outside.txt']);
  rmSync(folder, { recursive: true });
  return outcome;
}

describe('fuzzing TAR and ZIP entries', () => {
  it(
    'unpacks a TAR of hostile entries inside its folder, or refuses it in words',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(tarEntry, { minLength: 1, maxLength: 12 }), fc.boolean(), async (entries, gzip) => {
          await unpackHostile((archive) => {
            writeCraftedTar(archive, entries);
            if (gzip) writeFileSync(archive, gzipSync(readFileSync(archive)));
          });
        }),
        { numRuns: fuzzRuns(150) },
      );
    },
    fuzzTimeout(150, 20_000),
  );

  it(
    'unpacks a ZIP of hostile entries inside its folder, or refuses it in words',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(zipEntry, { minLength: 1, maxLength: 12 }), async (entries) => {
          await unpackHostile((archive) => writeCraftedZip(archive, entries));
        }),
        { numRuns: fuzzRuns(150) },
      );
    },
    fuzzTimeout(150, 20_000),
  );

  it(
    'unpacks a damaged archive inside its folder, or refuses it in words: bytes flipped, cut or spliced',
    async () => {
      const zip = join(temp.path, 'good.zip');
      writeCraftedZip(zip, [
        { name: 'a/b.txt', data: Buffer.from('hello '.repeat(300)), deflate: true },
        { name: 'c.bin', data: Buffer.alloc(5000, 7) },
      ]);
      const tar = join(temp.path, 'good.tar');
      writeCraftedTar(tar, [{ name: 'a/b.txt', data: Buffer.from('hello '.repeat(300)) }]);
      const originals = [readFileSync(zip), readFileSync(tar), gzipSync(readFileSync(tar))];
      rmSync(zip);
      rmSync(tar);
      const harm = fc.record({
        which: fc.nat({ max: originals.length - 1 }),
        at: fc.nat(),
        cut: fc.boolean(),
        junk: fc.uint8Array({ minLength: 1, maxLength: 16 }),
      });
      await fc.assert(
        fc.asyncProperty(harm, async ({ which, at, cut, junk }) => {
          const bytes = originals[which] as Buffer;
          const where = at % bytes.length;
          const damaged = cut
            ? bytes.subarray(0, where)
            : Buffer.concat([bytes.subarray(0, where), junk, bytes.subarray(where + junk.length)]);
          await unpackHostile((archive) => writeFileSync(archive, damaged));
        }),
        { numRuns: fuzzRuns(200) },
      );
    },
    fuzzTimeout(200, 20_000),
  );

  it(
    'stops a ZIP bomb by ratio whatever the ratio and size, and lets honest archives through',
    async () => {
      const sizes = fc.integer({ min: 0, max: 40 * MiB });
      await fc.assert(
        fc.asyncProperty(sizes, fc.integer({ min: 1, max: 2000 }), async (size, maxRatio) => {
          const limits = { ...defaultUnpackLimits, maxRatio };
          const zeros = Buffer.alloc(size);
          let archiveBytes = 0;
          const outcome = await unpackHostile((archive) => {
            writeCraftedZip(archive, [{ name: 'zeros.bin', data: zeros, deflate: true }]);
            archiveBytes = readFileSync(archive).length;
          }, limits);
          const bomb = size > 16 * MiB && size > archiveBytes * maxRatio;
          if (bomb) expect((outcome as { error: Error }).error.message).toContain(`past ${maxRatio} times its size`);
          else expect('value' in outcome).toBe(true);
        }),
        { numRuns: fuzzRuns(12, 300) },
      );
    },
    fuzzTimeout(12, 60_000, 300),
  );
});

describe('an archive of 100,000 entries', () => {
  /** A TAR of symbolic links: every entry costs a header, none writes a byte. */
  function linksTar(path: string, count: number): void {
    writeCraftedTar(
      path,
      Array.from({ length: count }, (_, n) => ({ name: `l${n}`, type: '2' })),
    );
  }

  it('unpacks at the limit and refuses one past it, in words, without memory growing with the entries', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const at = await unpackHostile((archive) => linksTar(archive, 100_000));
    expect(at).toMatchObject({ value: { files: 0, skipped: 100_000 } });
    const past = await unpackHostile((archive) => linksTar(archive, 100_001));
    expect((past as { error: Error }).error.message).toContain('holds more than 100,000 entries');
    global.gc?.();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 * MiB);
  }, 60_000);
});
