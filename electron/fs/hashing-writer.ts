import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { hashingWriterThread, type WriterThreadMessage } from './hashing-writer-thread';
import { openNoFollow } from './open-no-follow';

/** How far the caller may run ahead of the disk before `write` waits. */
const ROOM_BYTES = 8 * 1024 * 1024;
/** The thread flushes the file every so often while writing, so the final flush is short. */
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;
/** And lets go of the chunks it wrote, so they do not pile up between V8's own collections. */
const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;

export interface HashedFile {
  size: number;
  sha256: string;
}

/**
 * Writes a file, hashes it with sha256 and flushes it to disk on a thread of
 * its own. On the main thread the hashing of a large file took as long as
 * everything else a verified CID download does there; on its own thread it
 * runs beside the download, on the other core. Chunks are moved to the
 * thread, not copied, whenever they own their memory.
 */
export class HashingWriter {
  private readonly worker: Worker;
  private pending = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly finished = Promise.withResolvers<HashedFile>();

  private constructor(private readonly file: FileHandle) {
    this.worker = new Worker(`(${hashingWriterThread.toString()})()`, {
      eval: true,
      workerData: { fd: file.fd, syncEveryBytes: SYNC_EVERY_BYTES, collectEveryBytes: COLLECT_EVERY_BYTES },
    });
    this.worker.on('message', (message: WriterThreadMessage) => this.heard(message));
    this.worker.on('error', (error) => this.fail(error));
    // Ended by `close`, or gone on its own: a write waiting for room must not wait forever.
    this.worker.on('exit', (code) => this.fail(new Error(`Ferry's file writer stopped (exit code ${code}).`)));
    // The result is read by `finish`; a writer closed without it must not leave a rejection unhandled.
    this.finished.promise.catch(() => undefined);
  }

  /** Creates (or empties) the file at `path`; a symbolic link there is refused, never written through. */
  static async create(path: string): Promise<HashingWriter> {
    return new HashingWriter(
      await openNoFollow(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o666),
    );
  }

  /**
   * Queues `chunk` and resolves once the writer has room for more. A chunk
   * that owns its memory is moved to the writer's thread: the caller must not
   * use it afterwards.
   */
  async write(chunk: Uint8Array): Promise<void> {
    this.throwIfFailed();
    // Not `chunk.slice()`: on a Buffer that is a view too, and moving its memory would take it from the caller.
    const owned = ownsItsMemory(chunk) ? chunk : Uint8Array.prototype.slice.call(chunk);
    this.pending += owned.byteLength;
    this.worker.postMessage(owned, [owned.buffer as ArrayBuffer]);
    while (this.pending > ROOM_BYTES && !this.failure) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    this.throwIfFailed();
  }

  /** Flushes the file to disk and resolves to its size and sha256. */
  async finish(): Promise<HashedFile> {
    this.throwIfFailed();
    this.worker.postMessage('finish');
    return this.finished.promise;
  }

  /** Ends the thread and closes the file; call it once, finished or not. */
  async close(): Promise<void> {
    await this.worker.terminate();
    await this.file.close();
  }

  private heard(message: WriterThreadMessage): void {
    if ('written' in message) {
      this.pending -= message.written;
      if (this.pending <= ROOM_BYTES) this.wakeWriter();
    } else if ('done' in message) {
      this.finished.resolve(message.done);
    } else {
      this.fail(Object.assign(new Error(message.failed.reason), { code: message.failed.code }));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.finished.reject(this.failure);
    this.wakeWriter();
  }

  private wakeWriter(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

/** A view over the whole of a plain ArrayBuffer, which can be moved to another thread without a copy. */
function ownsItsMemory(chunk: Uint8Array): boolean {
  return chunk.buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
}
