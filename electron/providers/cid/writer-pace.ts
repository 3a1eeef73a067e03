import { setImmediate as nextTurn } from 'node:timers/promises';

/** How far the exporter may get ahead of the disk: a few blocks' worth, not a whole file. */
const DEFAULT_AHEAD_BYTES = 8 * 1024 * 1024;
/**
 * Counted for a block from the moment it may go until its size is known: the
 * exporter asks for all of a node's children at once, and each must count
 * before it is read. UnixFS blocks are 1 MiB at most.
 */
const RESERVED_BYTES = 1024 * 1024;

/**
 * Keeps the blocks handed to the UnixFS exporter in step with the writer.
 * The exporter queues a file's content without limit while the disk is
 * slower than the network, so a large file would end up in memory: blocks
 * wait here while the writer is more than `limit` bytes behind. Whenever the
 * writer waits for content it has taken everything handed out, so that resets
 * the count, and bytes that never reach it (a file's inner nodes, folders)
 * cannot hold the blocks back for good.
 */
export class WriterPace {
  private readonly limit: number;
  private ahead = 0;
  private waiting: (() => void)[] = [];

  constructor(limit = DEFAULT_AHEAD_BYTES) {
    this.limit = limit;
  }

  /** Resolves once another block may be read for the exporter; `handedOut` then says how big it was. */
  async ready(signal?: AbortSignal): Promise<void> {
    while (this.ahead > this.limit) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    this.ahead += RESERVED_BYTES;
  }

  handedOut(bytes: number): void {
    this.ahead += bytes - RESERVED_BYTES;
  }

  /** The writer took this much content. */
  taken(bytes: number): void {
    this.ahead -= bytes;
    if (this.ahead <= this.limit) this.wake();
  }

  /** The writer waits for content: it has everything handed out. */
  caughtUp(): void {
    this.ahead = 0;
    this.wake();
  }

  /** A file's content, reporting to the pace what the writer takes and when it runs dry. */
  async *paced(content: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const chunks = content[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = chunks.next();
        // Content the exporter already queued arrives within microtasks; still waiting after them, the queue is empty.
        if (!(await settlesBeforeNextTurn(next))) this.caughtUp();
        const { done, value } = await next;
        if (done) return;
        this.taken(value.byteLength);
        yield value;
      }
    } finally {
      this.caughtUp();
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

async function settlesBeforeNextTurn(promise: Promise<unknown>): Promise<boolean> {
  const settled = promise.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, nextTurn().then(() => false)]);
}
