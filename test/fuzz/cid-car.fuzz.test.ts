import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../electron/engine/engine-error';
import { parseCidRef } from '../../electron/providers/cid/cid-ref';
import { exportContent } from '../../electron/providers/cid/unixfs-export';
import { VerifiedBlocks } from '../../electron/providers/cid/verified-blocks';
import { carOf, IpfsContent } from '../support/ipfs-content';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { expectClearError, fuzzRuns, fuzzTimeout, outcomeOf, settleWithin } from './fuzz-runs';

const files = [
  { path: 'photos/cat.bin', content: randomBytes(300_000) },
  { path: 'photos/notes.txt', content: Buffer.from('notes') },
];
let content: IpfsContent;
let car: Buffer;
let temp: TempDir;

beforeAll(async () => {
  content = await IpfsContent.build(files);
  car = await carOf(content.root, await content.blocksFor(''));
  temp = await makeTempDir();
});
afterAll(() => temp.remove());

/** A CAR as it arrives over the network, in pieces of the size given. */
async function* streamed(bytes: Buffer, piece: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += piece) yield bytes.subarray(offset, offset + piece);
}

/** What a hostile or broken gateway does to a CAR on the way. */
const damage = fc.oneof(
  // Untouched, so the property also sees content rebuilt whole.
  fc.constant((bytes: Buffer) => bytes),
  fc.record({ flip: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }).map(({ flip, bits }) => (bytes: Buffer) => {
    const copy = Buffer.from(bytes);
    const at = flip % copy.length;
    copy[at] = (copy[at] as number) ^ bits;
    return copy;
  }),
  fc.nat().map((cut) => (bytes: Buffer) => bytes.subarray(0, cut % bytes.length)),
  fc
    .record({ at: fc.nat(), junk: fc.uint8Array({ minLength: 1, maxLength: 64 }) })
    .map(({ at, junk }) => (bytes: Buffer) => {
      const where = at % bytes.length;
      return Buffer.concat([bytes.subarray(0, where), junk, bytes.subarray(where)]);
    }),
  fc.uint8Array({ maxLength: 2000 }).map((junk) => () => Buffer.from(junk)),
);

let runs = 0;

describe('fuzzing CIDs and CARs', () => {
  it(
    'reads any text as a CID ref or says in words why it is not one',
    () => {
      const cidish = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.stringMatching(/^(Qm|b|z|k|f|u|m)[0-9A-Za-z]{0,70}$/),
        fc.tuple(fc.constantFrom('cid:', 'ipfs://', 'https://ipfs.io/ipfs/', ''), fc.string({ maxLength: 80 })),
      );
      fc.assert(
        fc.property(cidish, (input) => {
          const ref = Array.isArray(input) ? input.join('') : input;
          const parsed = parseCidRef(ref);
          if (typeof parsed === 'string') expect(parsed.length).toBeGreaterThan(10);
          else expect(parsed.cid.toString().length).toBeGreaterThan(10);
        }),
        { numRuns: fuzzRuns(2000) },
      );
    },
    fuzzTimeout(2000, 10_000),
  );

  it(
    'rebuilds content from a damaged CAR only byte for byte, else fails with an engine error, inside its folder',
    async () => {
      await fc.assert(
        fc.asyncProperty(damage, fc.integer({ min: 1000, max: 70_000 }), async (harm, piece) => {
          const folder = join(temp.path, `run-${runs++}`);
          const blocks = new VerifiedBlocks(streamed(harm(car), piece), 'gateway.example');
          const ref = parseCidRef(`cid:${content.root}`);
          if (typeof ref === 'string') throw new Error(ref);
          const outcome = await outcomeOf(
            settleWithin(exportContent(ref, blocks, folder, new AbortController().signal), 10_000, 'a damaged CAR'),
          );
          if ('error' in outcome) {
            expectClearError(outcome.error, [EngineError]);
          } else {
            for (const file of files) {
              expect(readFileSync(join(folder, 'content', file.path)).equals(file.content)).toBe(true);
            }
          }
          // Nothing beside the run's own folder: the export never wrote elsewhere.
          expect(readdirSync(temp.path).every((name) => name.startsWith('run-'))).toBe(true);
        }),
        { numRuns: fuzzRuns(60) },
      );
    },
    fuzzTimeout(60, 30_000),
  );
});
