import { createWriteStream } from 'node:fs';
import { mkdir, open, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArchiveEntry } from './archive-entry';
import { TaskPool } from './task-pool';

/** Files up to this size are read into memory and written while the next entries are read. */
const SMALL_FILE = 1024 * 1024;
/** Each write is several file-system calls on libuv's threads; a few at once keep all of them busy. */
const PARALLEL_WRITES = 16;

/**
 * Writes unpacked files, each flushed to disk before the result takes its
 * final name (a crash must not leave empty files under a finished download). Asset packs hold thousands of small textures, and
 * one file after another spends most of the time waiting on each call, so
 * small files are written several at a time; large ones stream on their own.
 */
export class EntryWriter {
  private readonly pool = new TaskPool(PARALLEL_WRITES);
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly folders = new Set<string>();

  async write(target: string, entry: ArchiveEntry, body: Readable, signal?: AbortSignal): Promise<void> {
    await this.folder(dirname(target));
    // An archive may hold the same path twice; the later entry must win, as tar has it.
    await this.inFlight.get(target);
    if (entry.size > SMALL_FILE) {
      await pipeline(body, createWriteStream(target, { mode: modeOf(entry), highWaterMark: SMALL_FILE, flush: true }), {
        signal,
      });
      await setTime(target, entry.modified);
      return;
    }
    const data = await readAll(body);
    const { settled } = await this.pool.run(() => writeSmall(target, data, entry));
    this.inFlight.set(target, settled);
    void settled.then(() => {
      if (this.inFlight.get(target) === settled) this.inFlight.delete(target);
    });
  }

  async folder(path: string): Promise<void> {
    if (this.folders.has(path)) return;
    await mkdir(path, { recursive: true });
    this.folders.add(path);
  }

  /** Waits for every write; the first error, if any, is thrown here. */
  finish(): Promise<void> {
    return this.pool.drain();
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

async function setTime(target: string, time: Date | null): Promise<void> {
  if (time) await utimes(target, time, time);
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
