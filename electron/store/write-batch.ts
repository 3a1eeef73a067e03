import { DatabaseSync } from 'node:sqlite';
import { JournalWatch } from './journal-watch';
import { lostChangesMessage } from './library-errors';

/**
 * The library's connection. The scheduler's writes of one turn of the event
 * loop share one transaction (`batched`), committed at the end of the turn: a
 * download's handful of status and progress writes each paid for a commit of
 * their own, which cost more than the writes. Closing commits what is
 * pending first, so nothing batched is ever lost to a close. The state is
 * kept here rather than read from SQLite, which older Node versions (and so
 * some Electron versions) cannot tell.
 */
export class LibraryDatabase extends DatabaseSync {
  /** The turn's shared transaction is open. */
  batchOpen = false;
  private readonly journal: JournalWatch;

  constructor(
    readonly file: string,
    readonly warn: (message: string) => void = emitLibraryWarning,
  ) {
    super(file);
    this.journal = new JournalWatch(file, warn);
  }

  /** After a commit, outside any transaction: see `JournalWatch`. */
  checkJournal(): void {
    this.journal.check(this);
  }

  override close(): void {
    commitBatch(this);
    super.close();
  }
}

/** Without a logger to tell, what a person must know about the library still reaches the process's warnings. */
export function emitLibraryWarning(message: string): void {
  process.emitWarning(message, 'FerryLibraryWarning');
}

/** Runs a write in the turn's shared transaction, opening it if none is; other connections write as usual. */
export function batched<T>(db: DatabaseSync, write: () => T): T {
  if (db instanceof LibraryDatabase && !db.batchOpen) {
    db.exec('BEGIN');
    db.batchOpen = true;
    setImmediate(() => commitBatch(db));
  }
  return write();
}

/** Commits the turn's writes now: before a close, or before a write that must be flushed to the disk. */
export function commitBatch(db: DatabaseSync): void {
  if (!(db instanceof LibraryDatabase) || !db.batchOpen) return;
  db.batchOpen = false;
  try {
    db.exec('COMMIT');
  } catch (error) {
    // Only a failing disk gets here; the writes are lost, but not silently, and the connection stays usable.
    rollBack(db);
    db.warn(lostChangesMessage(error, db.file));
    return;
  }
  db.checkJournal();
}

/** A failed COMMIT may have ended the transaction itself; then there is nothing to roll back. */
function rollBack(db: DatabaseSync): void {
  try {
    db.exec('ROLLBACK');
  } catch {
    // Nothing was open any more.
  }
}
