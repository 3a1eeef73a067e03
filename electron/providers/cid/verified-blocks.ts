import { hash } from 'node:crypto';
import { createDecoder } from '@ipld/car/decoder';
import type { CID } from 'multiformats/cid';
import { identity } from 'multiformats/hashes/identity';
import { sha256, sha512 } from 'multiformats/hashes/sha2';
import { EngineError } from '../../engine/engine-error';
import { carBytesReader } from './car-bytes-reader';
import { WriterPace } from './writer-pace';

/** Blocks handed out lately, kept for a file that holds the same chunk twice when the CAR sends it once. */
const RECENT_BYTES = 8 * 1024 * 1024;

/** How far reading may run ahead of the exporter, so the network is read while earlier blocks are written. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/** Node's one-shot digests, by multihash code: faster than a hasher object per block. */
const digests = new Map<number, 'sha256' | 'sha512'>([
  [sha256.code, 'sha256'],
  [sha512.code, 'sha512'],
]);

interface Block {
  cid: CID;
  bytes: Uint8Array;
}

/**
 * A read-only blockstore over a CAR as it streams in, for the UnixFS exporter.
 * Every block is checked against its CID (its multihash) as it is read, so
 * nothing the exporter gets is unverified. Blocks are read a few MiB ahead of
 * what the exporter asks for (which is no faster than `pace` lets the writer
 * keep up) and are let go once handed out, so a large file never sits in
 * memory: a gateway sends them in the order the exporter wants.
 */
export class VerifiedBlocks {
  private readonly source: string;
  private readonly blocks: AsyncIterator<Block>;
  private readonly arrived = new Map<string, Uint8Array>();
  /** What `arrived` holds, which a gateway sending blocks out of order (or blocks nobody asked for) makes grow. */
  private arrivedBytes = 0;
  private readonly recent = new Map<string, Uint8Array>();
  private recentBytes = 0;
  private reading: Promise<void> | null = null;
  private ended = false;
  private failure: unknown = null;
  private readonly readAheadBytes: number;
  readonly pace: WriterPace;

  /** `source` names who sent the CAR in messages. */
  constructor(
    car: AsyncIterable<Uint8Array>,
    source: string,
    pace = new WriterPace(Number.POSITIVE_INFINITY),
    readAheadBytes = READ_AHEAD_BYTES,
  ) {
    this.source = source;
    this.readAheadBytes = readAheadBytes;
    this.blocks = readCar(car, source);
    this.pace = pace;
  }

  /** The blockstore call the exporter makes: one verified block, as one chunk. */
  async *get(cid: CID, options: { signal?: AbortSignal } = {}): AsyncGenerator<Uint8Array> {
    await this.pace.ready(options.signal);
    const bytes = await this.block(cid, options.signal);
    this.pace.handedOut(bytes.byteLength);
    yield bytes;
  }

  private async block(cid: CID, signal?: AbortSignal): Promise<Uint8Array> {
    // An identity CID holds its bytes itself: nothing to fetch, nothing to check.
    if (cid.multihash.code === identity.code) return cid.multihash.digest;
    const key = keyOf(cid);
    for (;;) {
      signal?.throwIfAborted();
      const fresh = this.arrived.get(key);
      if (fresh) {
        this.arrived.delete(key);
        this.arrivedBytes -= fresh.length;
        this.remember(key, fresh);
        this.readAhead();
        return fresh;
      }
      const again = this.recent.get(key);
      if (again) return again;
      if (this.failure) throw this.failure;
      if (this.ended) throw missing(cid, this.source);
      await this.readOne();
    }
  }

  /** Keeps the next blocks coming while the exporter works, up to a few MiB ahead. */
  private readAhead(): void {
    if (this.reading || this.ended || this.failure || this.arrivedBytes >= this.readAheadBytes) return;
    this.readOne().then(
      () => this.readAhead(),
      () => undefined,
    );
  }

  private readOne(): Promise<void> {
    this.reading ??= this.readNext().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readNext(): Promise<void> {
    try {
      const next = await this.blocks.next();
      if (next.done) {
        this.ended = true;
        return;
      }
      const { cid, bytes } = next.value;
      verify(cid, bytes, this.source);
      this.arrived.set(keyOf(cid), bytes);
      this.arrivedBytes += bytes.length;
      if (this.arrivedBytes > MAX_WAITING_BYTES) throw outOfOrder(this.source);
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private remember(key: string, bytes: Uint8Array): void {
    this.recent.set(key, bytes);
    this.recentBytes += bytes.byteLength;
    for (const [oldest, old] of this.recent) {
      if (this.recentBytes <= RECENT_BYTES) break;
      this.recent.delete(oldest);
      this.recentBytes -= old.byteLength;
    }
  }
}

/**
 * The CAR's blocks. A CAR that cannot be read says so (the next gateway may do
 * better); one that ends halfway through a section was cut off on the way, as a
 * dropped connection is, and is retried like one. A broken connection stays the engine's error.
 */
async function* readCar(car: AsyncIterable<Uint8Array>, source: string): AsyncGenerator<Block> {
  let ended = false;
  async function* body() {
    yield* car;
    ended = true;
  }
  const decoder = createDecoder(carBytesReader(body()));
  try {
    await decoder.header();
  } catch (error) {
    // Even a short answer is refused as what it is: no CAR header, no CAR.
    throw unreadable(error, source);
  }
  try {
    yield* decoder.blocks();
  } catch (error) {
    // The reader asked for bytes past the end: the answer stopped mid-block, not with bad bytes.
    throw ended ? cutOff(error, source) : unreadable(error, source);
  }
}

function unreadable(error: unknown, source: string): EngineError {
  if (error instanceof EngineError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new EngineError(
    'bad_response',
    `${source} did not answer with a readable CAR (${reason}); it may not be a trustless gateway.`,
    { cause: error },
  );
}

function cutOff(error: unknown, source: string): EngineError {
  return new EngineError('network', `${source} ended its answer in the middle of a block: the CAR is cut off.`, {
    retryable: true,
    cause: error,
  });
}

/** A block's bytes must hash to the digest its CID names: anything else was altered on the way. */
function verify(cid: CID, bytes: Uint8Array, source: string): void {
  if (cid.multihash.code === identity.code) return;
  const algorithm = digests.get(cid.multihash.code);
  if (!algorithm) {
    throw new EngineError(
      'verification',
      `${source} sent block ${cid} hashed with a function Ferry cannot check (multihash 0x${cid.multihash.code.toString(16)}), so Ferry cannot tell it is genuine.`,
    );
  }
  if (!hash(algorithm, bytes, 'buffer').equals(cid.multihash.digest)) {
    throw new EngineError(
      'verification',
      `${source} sent a block that does not match its CID (${cid}): the data is not what the CID names, so Ferry refused it.`,
    );
  }
}

/** Blocks are found by their multihash: the same bytes under a CIDv0 or a CIDv1 are the same block. */
function keyOf(cid: CID): string {
  return Buffer.from(cid.multihash.bytes).toString('base64');
}

/**
 * Blocks come depth first, each asked for soon after it arrives; a gateway that
 * sends them in another order, or sends unrelated ones, would make Ferry hold the
 * whole content in memory. Past this, the answer is refused (the next gateway is tried).
 */
const MAX_WAITING_BYTES = 64 * 1024 * 1024;

function outOfOrder(source: string): EngineError {
  return new EngineError(
    'bad_response',
    `${source} sent more than ${MAX_WAITING_BYTES / 1024 / 1024} MiB of blocks out of the order the content needs them in; Ferry does not hold that much back. Try another gateway.`,
  );
}

function missing(cid: CID, source: string): EngineError {
  return new EngineError('bad_response', `${source} ended its answer without block ${cid}, which the content needs.`);
}
