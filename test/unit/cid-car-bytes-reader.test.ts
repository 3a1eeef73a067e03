import { randomBytes } from 'node:crypto';
import { createDecoder } from '@ipld/car/decoder';
import { CarBlockIterator } from '@ipld/car/iterator';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { carBytesReader } from '../../electron/providers/cid/car-bytes-reader';
import { fuzzRuns } from '../fuzz/fuzz-runs';
import { carOf, IpfsContent } from '../support/ipfs-content';

let car: Buffer;

beforeAll(async () => {
  const content = await IpfsContent.build([
    { path: 'folder/a.bin', content: randomBytes(700_000) },
    { path: 'folder/b.txt', content: Buffer.from('small') },
  ]);
  car = await carOf(content.root, await content.blocksFor(''));
});

/** The CAR cut at the given offsets, as a network might deliver it. */
async function* cutAt(bytes: Buffer, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

async function blocksOf(source: AsyncIterable<Uint8Array>): Promise<string[]> {
  const decoder = createDecoder(carBytesReader(source));
  await decoder.header();
  const found: string[] = [];
  for await (const block of decoder.blocks()) found.push(`${block.cid} ${Buffer.from(block.bytes).toString('hex')}`);
  return found;
}

describe('the CAR byte reader', () => {
  it('yields the blocks @ipld/car reads itself, however the bytes are cut', async () => {
    const expected: string[] = [];
    for await (const block of await CarBlockIterator.fromIterable(cutAt(car, []))) {
      expected.push(`${block.cid} ${Buffer.from(block.bytes).toString('hex')}`);
    }
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: car.length }), { maxLength: 40 }), async (cuts) => {
        expect(await blocksOf(cutAt(car, cuts))).toEqual(expected);
      }),
      { numRuns: fuzzRuns(40, 2000) },
    );
  });

  it('reads a value that spans several chunks, and skips ahead of bytes not yet arrived', async () => {
    const bytes = Buffer.from('0123456789abcdef');
    const reader = carBytesReader(cutAt(bytes, [2, 3, 7]));
    expect(Buffer.from(await reader.exactly(5, true)).toString()).toBe('01234');
    reader.seek(6);
    expect(reader.pos).toBe(11);
    expect(Buffer.from(await reader.upTo(100)).toString()).toBe('bcdef');
  });

  it('says the data ended when a read needs more than the answer holds', async () => {
    const reader = carBytesReader(cutAt(car.subarray(0, 1000), [300]));
    await expect(reader.exactly(2000)).rejects.toThrow('Unexpected end of data');
    await expect(blocksOf(cutAt(car.subarray(0, car.length - 10), [5000]))).rejects.toThrow('Unexpected end of data');
  });
});
