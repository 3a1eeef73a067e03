import { randomBytes } from 'node:crypto';
import { exporter } from 'ipfs-unixfs-exporter';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../electron/engine/engine-error';
import { VerifiedBlocks } from '../../electron/providers/cid/verified-blocks';
import { WriterPace } from '../../electron/providers/cid/writer-pace';
import { type Block, carOf, IpfsContent } from '../support/ipfs-content';

const data = randomBytes(1_200_000);
let content: IpfsContent;
let blocks: Block[];

beforeAll(async () => {
  content = await IpfsContent.build([{ path: 'data.bin', content: data }]);
  blocks = await content.blocksFor('');
});

/** A CAR as it arrives over the network: in small pieces. */
async function* streamed(car: Buffer): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < car.length; offset += 10_000) yield car.subarray(offset, offset + 10_000);
}

async function exported(car: Buffer): Promise<Buffer> {
  const store = new VerifiedBlocks(streamed(car), 'gateway.example');
  const entry = await exporter(content.root, store);
  if (!('content' in entry)) throw new Error('not a file');
  const chunks: Uint8Array[] = [];
  for await (const chunk of entry.content()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A CARv2 as its specification lays it out: the pragma, a 40-byte header, padding, the CARv1, then `after`. */
function carV2(v1: Buffer, after: Buffer): Buffer {
  const pragma = Buffer.from('0aa16776657273696f6e02', 'hex');
  const padding = Buffer.alloc(7);
  const header = Buffer.alloc(40);
  const dataOffset = pragma.length + header.length + padding.length;
  header.writeBigUInt64LE(BigInt(dataOffset), 16);
  header.writeBigUInt64LE(BigInt(v1.length), 24);
  header.writeBigUInt64LE(BigInt(dataOffset + v1.length), 32);
  return Buffer.concat([pragma, header, padding, v1, after]);
}

async function failure(work: Promise<unknown>): Promise<EngineError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof EngineError)) throw new Error(`expected an EngineError, got ${String(error)}`);
  return error;
}

describe('blocks from a CAR, each checked against its CID', () => {
  it('rebuilds the file from blocks sent depth first, and from blocks in any other order', async () => {
    expect(blocks.length).toBeGreaterThan(4);
    expect((await exported(await carOf(content.root, blocks))).equals(data)).toBe(true);
    expect((await exported(await carOf(content.root, [...blocks].reverse()))).equals(data)).toBe(true);
  });

  it('refuses a block whose bytes do not hash to its CID', async () => {
    const tampered = blocks.map((block, index) =>
      index === blocks.length - 1 ? { cid: block.cid, bytes: Uint8Array.from(block.bytes, (byte) => byte ^ 1) } : block,
    );
    const error = await failure(exported(await carOf(content.root, tampered)));
    expect(error.code).toBe('verification');
    expect(error.message).toContain(`gateway.example sent a block that does not match its CID (${blocks.at(-1)?.cid})`);
  });

  it('reads the CARv1 a CARv2 wraps, and nothing past its data section (where the index lies)', async () => {
    const v1 = await carOf(content.root, blocks);
    const junk = Buffer.from('an index Ferry does not read, and which is no block');
    expect((await exported(carV2(v1, junk))).equals(data)).toBe(true);
  });

  it('says which block is missing when the CAR ends without it', async () => {
    const error = await failure(exported(await carOf(content.root, blocks.slice(0, -1))));
    expect(error.code).toBe('bad_response');
    expect(error.message).toContain(`ended its answer without block ${blocks.at(-1)?.cid}`);
  });

  it('says so when the answer is not a CAR at all', async () => {
    const error = await failure(exported(Buffer.from('<html>Welcome to IPFS</html>')));
    expect(error.message).toContain('did not answer with a readable CAR');
  });

  it('tells a CAR cut off mid-block, retried as a dropped connection is, from a malformed one, refused', async () => {
    const car = await carOf(content.root, blocks);
    const upTo = async (count: number) => (await carOf(content.root, blocks.slice(0, count))).length;
    const cut = await failure(exported(car.subarray(0, (await upTo(2)) + 100)));
    expect(cut).toMatchObject({ code: 'network', retryable: true });
    expect(cut.message).toBe('gateway.example ended its answer in the middle of a block: the CAR is cut off.');
    // A zero-length section where the third block should start, with the rest of the CAR still to come.
    const at = await upTo(2);
    const malformed = await failure(exported(Buffer.concat([car.subarray(0, at), Buffer.from([0]), car.subarray(at)])));
    expect(malformed).toMatchObject({ code: 'bad_response', retryable: false });
    expect(malformed.message).toContain('did not answer with a readable CAR (Invalid CAR section (zero length))');
  });

  it('hands out a block again that a file holds twice but the CAR sends once', async () => {
    const repeated = await IpfsContent.build([{ path: 'zeros.bin', content: Buffer.alloc(1_000_000) }]);
    const once = await repeated.blocksFor('');
    const store = new VerifiedBlocks(streamed(await carOf(repeated.root, once)), 'gateway.example');
    const entry = await exporter(repeated.root, store);
    let size = 0;
    if ('content' in entry) for await (const chunk of entry.content()) size += chunk.byteLength;
    expect(size).toBe(1_000_000);
  });

  it('takes an identity CID’s bytes from the CID itself', async () => {
    const inline = CID.createV1(raw.code, identity.digest(Buffer.from('tiny')));
    const store = new VerifiedBlocks(streamed(await carOf(inline, [])), 'gateway.example');
    const chunks: Uint8Array[] = [];
    for await (const chunk of store.get(inline)) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('tiny');
  });

  it('reads the CAR no further ahead of a slow writer than the pace and the read-ahead allow', async () => {
    const big = await IpfsContent.build([{ path: 'big.bin', content: randomBytes(6_000_000) }]);
    const car = await carOf(big.root, await big.blocksFor(''));
    let read = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of streamed(car)) {
        read += chunk.byteLength;
        yield chunk;
      }
    }
    const store = new VerifiedBlocks(counted(), 'gateway.example', new WriterPace(512 * 1024), 1024 * 1024);
    const entry = await exporter(big.root, store);
    if (!('content' in entry)) throw new Error('not a file');
    let written = 0;
    let furthestAhead = 0;
    for await (const chunk of store.pace.paced(entry.content({ blockReadConcurrency: 1 }))) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      written += chunk.byteLength;
      furthestAhead = Math.max(furthestAhead, read - written);
    }
    expect(written).toBe(6_000_000);
    // The limit, a block reserved (1 MiB), the read-ahead and the block being read (256 KiB), with the CAR's framing.
    expect(furthestAhead).toBeLessThan(512 * 1024 + 1024 * 1024 + 1024 * 1024 + 300 * 1024);
  });
});
