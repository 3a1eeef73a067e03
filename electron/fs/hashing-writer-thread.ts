/** What the writer's thread answers, one message per chunk it wrote and one at the end. */
export type WriterThreadMessage =
  | { written: number }
  | { done: { size: number; sha256: string } }
  | { failed: { reason: string; code?: string } };

/**
 * The body of the writer's thread. `HashingWriter` starts it from this
 * function's source text (`eval`), because a worker loaded from a file would
 * need that file beside the bundle and beside the sources alike; so it may
 * use nothing from outside its own body. It writes each chunk to the open
 * file, adds it to the sha256, and flushes the file every `syncEveryBytes`,
 * so the flush at the end has little left to write.
 */
export function hashingWriterThread(): void {
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const { fdatasyncSync, fsyncSync, writeSync } = require('node:fs') as typeof import('node:fs');
  const { fd, syncEveryBytes, collectEveryBytes } = workerData as {
    fd: number;
    syncEveryBytes: number;
    collectEveryBytes: number;
  };
  // The chunks it is handed are dead once written: collected every 4 MiB, as `young-garbage.ts` does for network reads.
  require('node:v8').setFlagsFromString('--expose-gc');
  const collect = require('node:vm').runInNewContext('typeof gc === "function" ? gc : null') as
    | ((options: { type: 'minor' }) => void)
    | null;
  const port = parentPort as import('node:worker_threads').MessagePort;
  const hash = createHash('sha256');
  let size = 0;
  let unsynced = 0;
  let uncollected = 0;
  let failed = false;
  port.on('message', (chunk: Uint8Array | 'finish') => {
    if (failed) return;
    try {
      if (chunk === 'finish') {
        fsyncSync(fd);
        port.postMessage({ done: { size, sha256: hash.digest('hex') } });
        return;
      }
      for (let at = 0; at < chunk.byteLength; ) at += writeSync(fd, chunk, at);
      hash.update(chunk);
      size += chunk.byteLength;
      unsynced += chunk.byteLength;
      uncollected += chunk.byteLength;
      if (unsynced >= syncEveryBytes) {
        fdatasyncSync(fd);
        unsynced = 0;
      }
      if (uncollected >= collectEveryBytes) {
        collect?.({ type: 'minor' });
        uncollected = 0;
      }
      port.postMessage({ written: chunk.byteLength });
    } catch (error) {
      failed = true;
      const { message, code } = error as NodeJS.ErrnoException;
      port.postMessage({ failed: { reason: message, code } });
    }
  });
}
