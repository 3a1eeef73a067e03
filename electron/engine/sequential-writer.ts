import type { PartFile } from './part-file';

/**
 * Writes one connection's bytes in order with one write in flight while the
 * next batch fills. The batch grows only while the disk is busy, so a slow
 * link writes (and reports progress) chunk by chunk, and a fast one gets big
 * writes with far fewer system calls. `onWritten` reports how far the bytes
 * are on disk, never further.
 */
export class SequentialWriter {
  /** The offset the next added byte will go to. */
  next: number;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private batchStart: number;
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
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    this.next += chunk.length;
    if (this.inFlight === null || this.batchBytes >= this.batchLimit) await this.flush();
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
