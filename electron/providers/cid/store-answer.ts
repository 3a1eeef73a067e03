import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { unpackArchive } from '../../archives/unpack';
import type { UnpackLimits } from '../../archives/unpack-limits';
import { EngineError } from '../../engine/engine-error';
import { type HttpResponse, header, host } from '../../engine/http-request';
import { sha256File } from '../../fs/sha256-file';
import type { FetchContext } from '../provider';
import { excerpt } from '../provider-http';
import { type CidRef, cidPath, contentName } from './cid-ref';
import { meteredBody } from './metered-body';
import { withExtension } from './sniff-extension';

const TAR_MAGIC_OFFSET = 257;
const TAR_BLOCK = 512;

/** The CID store's answer, complete on disk. */
export interface StoreAnswer {
  file: string;
  /** The first bytes, to tell a TAR from raw bytes and to name raw bytes. */
  head: Buffer;
  size: number;
  sha256: string;
}

/** What the answer turned into, in the attempt's folder, with the name it should take. */
export interface StoreContent {
  path: string;
  name: string;
  size: number;
  /** Unknown for a file unpacked from a TAR (Ferry reads it back); null for a folder. */
  sha256?: string | null;
}

/**
 * Writes the body to `file`, hashing it on the way. A 200 can still end in an
 * error: Kubo-style APIs put it in an `X-Stream-Error` trailer, which makes the
 * answer incomplete however many bytes came.
 */
export async function receive(response: HttpResponse, file: string, context: FetchContext): Promise<StoreAnswer> {
  const from = host(response.target.url);
  const expected = Number(header(response.headers, 'content-length')) || null;
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let size = 0;
  const body = meteredBody(response.body, {
    host: from,
    signal: context.signal,
    throttle: context.throttle,
    received: (total) => context.progress(total, expected),
  });
  async function* hashed() {
    for await (const chunk of body) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < TAR_BLOCK) head = Buffer.concat([head, chunk.subarray(0, TAR_BLOCK - head.length)]);
      yield chunk;
    }
  }
  await pipeline(hashed(), createWriteStream(file, { flush: true, highWaterMark: 1024 * 1024 }), {
    signal: context.signal,
  });
  const streamError = response.trailers['x-stream-error'];
  if (streamError) {
    throw new EngineError('network', `${from} broke off the answer with an error ("${excerpt(streamError)}").`, {
      retryable: true,
    });
  }
  return { file, head, size, sha256: hash.digest('hex') };
}

/** Raw bytes are the file; a TAR (Kubo's `get` sends one) is unpacked: one file is that file, a folder is named after the CID. */
export async function contentOf(
  answer: StoreAnswer,
  ref: CidRef,
  givenName: string | undefined,
  signal: AbortSignal,
  limits: UnpackLimits,
): Promise<StoreContent> {
  if (!isTar(answer.head)) {
    const name = givenName ?? ref.filename ?? withExtension(contentName(ref), answer.head);
    return { path: answer.file, name, size: answer.size, sha256: answer.sha256 };
  }
  if (!(await tarIsComplete(answer))) {
    throw new EngineError('network', `The CID store's TAR answer for ${cidPath(ref)} is cut off.`, { retryable: true });
  }
  const unpacked = await unpackArchive(answer.file, {
    stagingName: '.unpacking',
    signal,
    limits,
    passing: `the CID store's TAR of ${cidPath(ref)}`,
  });
  await rm(answer.file);
  const path = unpacked?.path ?? answer.file;
  const info = await stat(path);
  if (info.isDirectory()) return { path, name: contentName(ref), size: await folderSize(path), sha256: null };
  const name = ref.filename ?? withExtension(basename(path), await headOf(path));
  // Hashed before it takes its final name, so that name can be recorded with a hash a restart can check.
  return { path, name, size: info.size, sha256: await sha256File(path) };
}

function isTar(head: Buffer): boolean {
  return head.subarray(TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5).toString('latin1') === 'ustar';
}

/** A TAR ends in two zero blocks after whole 512-byte records; a cut-off one does not. */
async function tarIsComplete(answer: StoreAnswer): Promise<boolean> {
  if (answer.size < 3 * TAR_BLOCK || answer.size % TAR_BLOCK !== 0) return false;
  const end = await readAt(answer.file, answer.size - 2 * TAR_BLOCK, 2 * TAR_BLOCK);
  return end.every((byte) => byte === 0);
}

async function headOf(file: string): Promise<Buffer> {
  return readAt(file, 0, TAR_BLOCK);
}

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function folderSize(folder: string): Promise<number> {
  let size = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) size += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return size;
}
