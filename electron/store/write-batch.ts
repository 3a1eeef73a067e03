import { DatabaseSync } from 'node:sqlite';

/**
 * The library's connection. The scheduler's writes of one turn of the event
 * loop share one transaction (`batched`), committed at the end of the turn: a
 * download's handful of status and progress writes each paid for a commit of
 * their own, which cost more than the writes. Closing commits what is
 * pending first, so nothing batched is ever lost to a close.
 */
export class LibraryDatabase extends DatabaseSync {
  override close(): void {
    commitBatch(this);
    super.close();
  }
}

/** Runs a write in the turn's shared transaction, opening it if none is. */
export function batched<T>(db: DatabaseSync, write: () => T): T {
  if (!db.isTransaction) {
    db.exec('BEGIN');
    setImmediate(() => commitBatch(db));
  }
  return write();
}

/** Commits the turn's writes now: before a close, or before a write that must be flushed to the disk. */
export function commitBatch(db: DatabaseSync): void {
  if (!db.isOpen || !db.isTransaction) return;
  try {
    db.exec('COMMIT');
  } catch (error) {
    // Only a failing disk gets here; the writes are lost, but not silently, and the connection stays usable.
    if (db.isTransaction) db.exec('ROLLBACK');
    process.emitWarning(error instanceof Error ? error : String(error), 'FerryLibraryWarning');
  }
}
