import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFsError } from '../fs/describe-fs-error';
import { exists, moveFileNoClobber, syncFolder } from '../fs/move-no-clobber';
import { openNoFollow, SymbolicLinkRefused } from '../fs/open-no-follow';
import { EngineError } from './engine-error';
import { numberedName } from './file-name';
import { PartHash, type Span } from './part-hash';

/** Final paths promised to transfers still running in this process. */
const reservedPaths = new Set<string>();

/**
 * A download's `<name>.part` beside its final name. Bytes are written at their
 * offsets (segments arrive out of order); `finish` makes the file durable and
 * moves it to a final name that never existed before, so nothing is overwritten.
 * Its sha256 follows the writes, so the finished file is never read again.
 */
export class PartFile {
  private readonly hash = new PartHash(
    async (buffer, length, position) => (await this.handle.read(buffer, 0, length, position)).bytesRead,
  );

  private constructor(
    private readonly handle: FileHandle,
    readonly directory: string,
    readonly name: string,
  ) {}

  get path(): string {
    return partPath(this.directory, this.name);
  }

  /**
   * Creates a part for a name not used by any file, part or running transfer; numbers it if needed. `claim` hears
   * the name before the part exists and creation waits for it, so a process killed in between still knows the
   * part is its own instead of taking it for someone else's and numbering the next one.
   */
  static async create(directory: string, wanted: string, claim: (name: string) => Promise<void>): Promise<PartFile> {
    for (let n = 0; ; n++) {
      const name = n === 0 ? wanted : numberedName(wanted, n);
      const finalPath = join(directory, name);
      if (reservedPaths.has(finalPath) || (await exists(finalPath)) || (await exists(partPath(directory, name))))
        continue;
      reservedPaths.add(finalPath);
      await claim(name);
      const handle = await openNew(directory, name);
      if (handle) return new PartFile(handle, directory, name);
      reservedPaths.delete(finalPath);
    }
  }

  /**
   * Opens the part a paused or interrupted transfer left; null when it is gone. A part that became a symbolic link
   * is not the one Ferry wrote, and writing through it would write wherever it points: the link alone is deleted
   * (never its target) and the part counts as gone, so the download starts over clean.
   */
  static async reopen(directory: string, name: string): Promise<PartFile | null> {
    const path = partPath(directory, name);
    try {
      const handle = await openNoFollow(path, constants.O_RDWR);
      reservedPaths.add(join(directory, name));
      return new PartFile(handle, directory, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      if (!(error instanceof SymbolicLinkRefused)) throw diskError(error, name);
    }
    await rm(path, { force: true }).catch((error: unknown) => {
      throw diskError(error, name);
    });
    return null;
  }

  /** Writes the buffers back to back from `position`, finishing any short write. */
  async writev(buffers: Buffer[], position: number): Promise<void> {
    try {
      const total = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
      const { bytesWritten } = await this.handle.writev(buffers, position);
      if (bytesWritten < total)
        await this.writeRest(Buffer.concat(buffers).subarray(bytesWritten), position + bytesWritten);
    } catch (error) {
      throw diskError(error, this.name);
    }
    this.hash.wrote(position, buffers);
  }

  private async writeRest(data: Buffer, position: number): Promise<void> {
    let written = 0;
    while (written < data.length) {
      const result = await this.handle.write(data, written, data.length - written, position + written);
      written += result.bytesWritten;
    }
  }

  /** Drops every byte, for a pass that starts the file over. */
  async empty(): Promise<void> {
    this.hash.restart();
    await this.handle.truncate(0).catch((error) => {
      throw diskError(error, this.name);
    });
  }

  /** The bytes an earlier run left, as its resume state describes them: hashed by reading them back once. */
  alreadyWritten(spans: readonly Span[]): void {
    this.hash.alreadyWritten(spans);
  }

  /** Flushes written bytes to the disk, so progress recorded afterwards survives a crash. */
  async sync(): Promise<void> {
    await this.handle.datasync().catch((error) => {
      throw diskError(error, this.name);
    });
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  /** The sha256 of the first `size` bytes, the whole part once it is complete. */
  async sha256(size: number): Promise<string> {
    return this.hash.digest(size).catch((error: unknown) => {
      throw diskError(error, this.name);
    });
  }

  async close(): Promise<void> {
    reservedPaths.delete(join(this.directory, this.name));
    await this.handle.close().catch(() => undefined);
  }

  async remove(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true });
  }

  /**
   * fsync, then move to the first free final name without ever replacing a file.
   * `announce` hears each name just before the move to it is tried, and the
   * move waits for it, so a crash right after the move still leaves a record
   * of where the file went.
   */
  async finish(announce: (finalPath: string) => Promise<void>): Promise<string> {
    try {
      await this.handle.sync();
    } catch (error) {
      throw diskError(error, this.name);
    }
    await this.close();
    for (let n = 0; ; n++) {
      const finalPath = join(this.directory, n === 0 ? this.name : numberedName(this.name, n));
      if (reservedPaths.has(finalPath) || (await exists(finalPath))) continue;
      await announce(finalPath);
      const moved = await moveFileNoClobber(this.path, finalPath).catch((error: unknown) => {
        throw diskError(error, finalPath);
      });
      if (moved) {
        await syncFolder(this.directory);
        return finalPath;
      }
    }
  }
}

/**
 * The part, created only if no other has that name (null then). The folder is
 * made only when it is missing: asking for it before each of thousands of
 * small files cost a system call each.
 */
async function openNew(directory: string, name: string): Promise<FileHandle | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      // Readable too: the hash reads back bytes that arrived out of order. Exclusive creation never follows a link
      // at the name: it fails as for any file there.
      return await open(partPath(directory, name), 'wx+');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return null;
      if (code !== 'ENOENT' || attempt > 0) throw diskError(error, name);
    }
    await mkdir(directory, { recursive: true }).catch((error) => {
      throw diskError(error, name);
    });
  }
}

export function partPath(directory: string, name: string): string {
  return join(directory, `${name}.part`);
}

function diskError(error: unknown, name: string): EngineError {
  if (error instanceof EngineError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new EngineError(
      'disk_full',
      `The disk is full, so Ferry stopped writing ${name}. Free some space, then retry it: what was downloaded is kept, and Ferry goes on from there.`,
      { cause: error },
    );
  }
  return new EngineError(
    'disk',
    `Ferry could not write ${name} (${describeFsError(error)}). Check the download folder, then retry it.`,
    { cause: error },
  );
}
