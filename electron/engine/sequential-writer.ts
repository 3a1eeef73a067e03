import type { PartFile } from './part-file';

/** A batch this old is written even if small, so a slow link still shows progress. */
const MAX_BATCH_AGE_MS = 100;

/**
 * Writes one connection's bytes in order with one write in flight while the
 * next batch fills, so the socket keeps reading while the disk writes. Big
 * batches matter: a system call and a promise per 64 KiB socket chunk cost
 * more than the copy itself. `onWritten` reports how far the bytes are on
 * disk, never further.
 */
export class SequentialWriter {
  /** The offset the next added byte will go to. */
  next: number;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private batchStart: number;
  private batchStartedAt = 0;
  private inFlight: Promise<void> | null = null;
  private failure: unknown = null;
  private readonly part: PartFile;
  private readonly batchLimit: number;
  private readonly onWritten: (end: number) => void;

  constructor(part: PartFile, start: number, batchLimit: number, onWritten: (end: number) => void) {
    this.part = part;
    this.next = start;
    this.batchStart = start;
    this.batchLimit = batchLimit;
    this.onWritten = onWritten;
  }

  async add(chunk: Buffer): Promise<void> {
    this.throwIfFailed();
    if (this.batchBytes === 0) this.batchStartedAt = performance.now();
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    this.next += chunk.length;
    if (this.batchBytes >= this.batchLimit) await this.flush();
    else if (this.inFlight === null && performance.now() - this.batchStartedAt >= MAX_BATCH_AGE_MS) await this.flush();
  }

  /** Writes what is left and waits for it; afterwards nothing of this writer touches the file. */
  async drain(): Promise<void> {
    await this.flush();
    await this.inFlight;
    this.throwIfFailed();
  }

  private async flush(): Promise<void> {
    await this.inFlight;
    this.throwIfFailed();
    if (this.batchBytes === 0) return;
    const buffers = this.batch;
    const start = this.batchStart;
    const end = start + this.batchBytes;
    this.batch = [];
    this.batchBytes = 0;
    this.batchStart = end;
    // The failure is kept, not thrown here: a rejection nobody awaits yet would crash the process.
    this.inFlight = this.part.writev(buffers, start).then(
      () => {
        this.inFlight = null;
        this.onWritten(end);
      },
      (error) => {
        this.inFlight = null;
        this.failure = error;
      },
    );
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
