import { join } from 'node:path';
import { Readable } from 'node:stream';
import { exporter, type UnixFSDirectory, type UnixFSEntry } from 'ipfs-unixfs-exporter';
import { EntryWriter } from '../../archives/entry-writer';
import { EngineError } from '../../engine/engine-error';
import { sanitizeFileName } from '../../engine/file-name';
import { HashingWriter } from '../../fs/hashing-writer';
import { type CidRef, cidPath, contentName } from './cid-ref';
import { withExtension } from './sniff-extension';
import type { VerifiedBlocks } from './verified-blocks';

/** The content rebuilt in a staging folder, with the name it should take in the destination. */
export interface Exported {
  path: string;
  name: string;
  size: number;
  /** Of a file; null for a folder. */
  sha256: string | null;
}

/**
 * Rebuilds the file or folder a ref names from verified blocks, into `folder`.
 * A file is hashed as it is written; a folder keeps the names UnixFS gives
 * its entries, made safe for every file system.
 */
export async function exportContent(
  ref: CidRef,
  blocks: VerifiedBlocks,
  folder: string,
  signal: AbortSignal,
): Promise<Exported> {
  const entry = await exporter(ref.path.length > 0 ? cidPath(ref) : ref.cid, blocks, { signal }).catch(
    (error: unknown) => {
      throw asEngineError(error, ref);
    },
  );
  const path = join(folder, 'content');
  if (entry.type === 'directory') {
    const size = await writeFolder(entry, blocks, path, signal);
    return { path, name: contentName(ref), size, sha256: null };
  }
  if (!isFile(entry)) {
    throw new EngineError(
      'bad_response',
      `${cidPath(ref)} is ${entry.type} data, not a file or a folder, so there is nothing Ferry can save.`,
    );
  }
  const written = await writeFile(blocks.pace.paced(entry.content(inCarOrder(signal))), path, signal);
  const name = ref.filename ?? withExtension(contentName(ref), written.head);
  return { path, name, size: written.size, sha256: written.sha256 };
}

/**
 * One block at a time, depth first: the order a trustless gateway sends them,
 * so each block the exporter asks for is the next one in the CAR and none has
 * to be held in memory until it is wanted.
 */
function inCarOrder(signal: AbortSignal) {
  return { signal, blockReadConcurrency: 1 };
}

type FileEntry = Extract<UnixFSEntry, { content: unknown }>;

function isFile(entry: UnixFSEntry): entry is FileEntry {
  return entry.type === 'file' || entry.type === 'raw' || entry.type === 'identity';
}

/** Hashing and writing run on a thread of their own (`HashingWriter`): here the blocks are only checked and rebuilt. */
async function writeFile(
  content: AsyncIterable<Uint8Array>,
  target: string,
  signal: AbortSignal,
): Promise<{ size: number; sha256: string; head: Buffer }> {
  const writer = await HashingWriter.create(target);
  try {
    let head = Buffer.alloc(0);
    for await (const chunk of content) {
      signal.throwIfAborted();
      // Copied before the writer takes the chunk away.
      if (head.length < 512) head = Buffer.concat([head, chunk.subarray(0, 512 - head.length)]);
      await writer.write(chunk);
    }
    return { ...(await writer.finish()), head };
  } finally {
    await writer.close();
  }
}

/** Files are written as the archives' unpacking writes them: small ones several at a time, each flushed. */
async function writeFolder(
  root: UnixFSDirectory,
  blocks: VerifiedBlocks,
  target: string,
  signal: AbortSignal,
): Promise<number> {
  const writer = new EntryWriter();
  let size = 0;
  const walk = async (directory: UnixFSDirectory, path: string): Promise<void> => {
    await writer.folder(path);
    for await (const child of directory.entries(inCarOrder(signal))) {
      const entry = await exporter(child.cid, blocks, { signal });
      const childPath = join(path, entryName(child.name, root));
      if (entry.type === 'directory') {
        await walk(entry, childPath);
      } else if (isFile(entry) && !(entry.type === 'file' && entry.unixfs.type === 'symlink')) {
        const mode = entry.type === 'file' ? (entry.unixfs.mode ?? null) : null;
        const body = Readable.from(blocks.pace.paced(entry.content(inCarOrder(signal))), { objectMode: false });
        await writer.write(
          childPath,
          { path: childPath, kind: 'file', size: Number(entry.size), mode, modified: null },
          body,
          signal,
        );
        size += Number(entry.size);
      }
    }
  };
  try {
    await walk(root, target);
  } finally {
    // Writes still running must end before the caller removes the staging folder.
    await writer.finish().catch(() => undefined);
  }
  await writer.finish();
  return size;
}

/** A name UnixFS gives an entry, as one safe file name: a folder never writes outside itself. */
function entryName(name: string, root: UnixFSDirectory): string {
  const safe = sanitizeFileName(name);
  if (!safe || name.includes('/') || name.includes('\\')) {
    throw new EngineError(
      'bad_response',
      `The folder ${root.cid} holds an entry named "${name.slice(0, 100)}", which is not a name Ferry can write safely.`,
    );
  }
  return safe;
}

/** The exporter's own errors: the path is not in the content, or the content is not UnixFS. */
function asEngineError(error: unknown, ref: CidRef): unknown {
  if (error instanceof EngineError || (error as Error | undefined)?.name === 'AbortError') return error;
  const name = (error as Error | undefined)?.name;
  if (name === 'NotFoundError' && ref.path.length > 0) {
    return new EngineError(
      'http_4xx',
      `${ref.cid} has no "${ref.path.join('/')}" in it. Check the path after the CID.`,
      {
        cause: error,
      },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new EngineError('bad_response', `${cidPath(ref)} could not be read as a file or a folder (${reason}).`, {
    cause: error,
  });
}
