import type { DatabaseSync } from 'node:sqlite';
import { durably } from './database';

/**
 * Writes that must be on the disk before the caller goes on, made durable
 * together: those that arrive in one turn of the event loop share one
 * flushed commit. A flush each made many small files wait on the disk.
 */
export class DurableBatch {
  private readonly writes: (() => void)[] = [];
  private flushed: Promise<void> | null = null;

  constructor(private readonly db: DatabaseSync) {}

  /** Resolves once the write is committed and flushed; rejects if the commit failed. */
  add(write: () => void): Promise<void> {
    this.writes.push(write);
    this.flushed ??= new Promise((resolve, reject) => setImmediate(() => this.flush(resolve, reject)));
    return this.flushed;
  }

  private flush(resolve: () => void, reject: (error: unknown) => void): void {
    const writes = this.writes.splice(0);
    this.flushed = null;
    try {
      durably(this.db, () => {
        for (const write of writes) write();
      });
      resolve();
    } catch (error) {
      reject(error);
    }
  }
}
