import { createWriteStream } from 'node:fs';
import { mkdir, open, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { limitFunction } from 'p-limit';
import type { ArchiveEntry } from './archive-entry';

/** Files up to this size are read into memory and written while the next entries are read. */
const SMALL_FILE = 1024 * 1024;
/** Each write is several file-system calls on libuv's threads; a few at once keep all of them busy. */
const PARALLEL_WRITES = 16;

/**
 * Writes unpacked files, each flushed to disk before the result takes its
 * final name (a crash must not leave empty files under a finished download).
 * Asset packs hold thousands of small textures, and one file after another
 * spends most of the time waiting on each call, so small files are written
 * several at a time; large ones stream on their own.
 */
export class EntryWriter {
  /** Small-file writes queued or running; none rejects: the first error is kept in `failure`. */
  private readonly writes = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;
  /** A write once one of the slots is free; after a failure, writes still queued are dropped. */
  private readonly runWrite = limitFunction(
    async (task: () => Promise<void>, started: () => void) => {
      started();
      if (this.failure) return;
      try {
        await task();
      } catch (error) {
        // Kept before the slot frees, so the write p-limit starts next already sees it.
        this.failure ??= { error };
      }
    },
    { concurrency: PARALLEL_WRITES },
  );
  /** The last write queued for each path: an archive may hold a path twice, and the later entry must win. */
  private readonly lastWrite = new Map<string, Promise<void>>();
  private readonly folders = new Set<string>();

  async write(target: string, entry: ArchiveEntry, body: Readable | Buffer, signal?: AbortSignal): Promise<void> {
    this.throwIfFailed();
    const turn = this.takeTurn(target);
    try {
      await turn.previous;
      await this.folder(dirname(target));
      if (entry.size > SMALL_FILE && !Buffer.isBuffer(body)) {
        await pipeline(
          body,
          createWriteStream(target, { mode: modeOf(entry), highWaterMark: SMALL_FILE, flush: true }),
          {
            signal,
          },
        );
        if (entry.modified) await utimes(target, entry.modified, entry.modified);
        turn.done();
        return;
      }
      const data = Buffer.isBuffer(body) ? body : await readAll(body);
      await this.startWrite(() => writeSmall(target, data, entry), turn.done);
    } catch (error) {
      turn.done();
      throw error;
    }
  }

  async folder(path: string): Promise<void> {
    if (this.folders.has(path)) return;
    await mkdir(path, { recursive: true });
    this.folders.add(path);
  }

  /** Waits for every write, even those queued while waiting; the first error, if any, is thrown here. */
  async finish(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes);
    this.throwIfFailed();
  }

  /** Resolves once the write has a slot rather than when it ends, so reading runs ahead of the disk by a few files. */
  private startWrite(task: () => Promise<void>, done: () => void): Promise<void> {
    const { promise: started, resolve } = Promise.withResolvers<void>();
    const written: Promise<void> = this.runWrite(task, resolve).finally(() => {
      this.writes.delete(written);
      done();
    });
    this.writes.add(written);
    return started;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Queued synchronously, before any await, so entries read at the same time still write in order. */
  private takeTurn(target: string): { previous: Promise<void> | undefined; done: () => void } {
    const previous = this.lastWrite.get(target);
    const { promise: current, resolve } = Promise.withResolvers<void>();
    this.lastWrite.set(target, current);
    const done = () => {
      if (this.lastWrite.get(target) === current) this.lastWrite.delete(target);
      resolve();
    };
    return { previous, done };
  }
}

async function writeSmall(target: string, data: Buffer, entry: ArchiveEntry): Promise<void> {
  const handle = await open(target, 'w', modeOf(entry));
  try {
    await handle.writeFile(data);
    if (entry.modified) await handle.utimes(entry.modified, entry.modified);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Executable bits survive (scripts in a project), nothing else: no setuid, no world-writable files. */
function modeOf(entry: ArchiveEntry): number {
  return entry.mode !== null && (entry.mode & 0o111) !== 0 ? 0o755 : 0o644;
}
