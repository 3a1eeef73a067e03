import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { FerryError } from '../../shared/errors';
import { ensureWritableLibrary, journalWasLost, lostJournalMessage } from './library-checks';
import { openFailed } from './library-errors';
import { migrations } from './migrations';
import { commitBatch, emitLibraryWarning, LibraryDatabase } from './write-batch';

export const DATABASE_FILE = 'ferry.db';

/**
 * Commits reach the operating system at once, so a killed process loses
 * nothing, but are not flushed to the disk one by one: a download writes its
 * status and progress a handful of times, and an fsync each made the library,
 * not the network, the limit on many small files. A power loss can undo the
 * last moments of such writes, which is safe: a checkpoint only ever claims
 * bytes already flushed to the part file, and a finished file is recognised by
 * the finishing record written `durably` before it takes its final name.
 */
const EVERYDAY_SYNC = 'NORMAL';

/**
 * Runs `write` in one transaction that is flushed to the disk before it
 * returns, with everything committed before it: for what a power loss must
 * not undo (links a person added, accounts, a file about to take its final name).
 */
export function durably<T>(db: DatabaseSync, write: () => T): T {
  commitBatch(db);
  db.exec('PRAGMA synchronous = FULL');
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = write();
      db.exec('COMMIT');
      if (db instanceof LibraryDatabase) db.checkJournal();
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.exec(`PRAGMA synchronous = ${EVERYDAY_SYNC}`);
  }
}

/**
 * Opens the profile's library in WAL mode and brings its schema up to date.
 * A file that is not a Ferry database, or one written by a newer Ferry, is
 * refused with a message and left exactly as it was. `warn` hears what a
 * person must know but that does not stop Ferry: recent changes lost with
 * a deleted journal.
 */
export function openDatabase(profileDir: string, warn = emitLibraryWarning): DatabaseSync {
  const file = join(profileDir, DATABASE_FILE);
  ensureWritableLibrary(profileDir, file);
  if (journalWasLost(file)) warn(lostJournalMessage(file));
  let db: LibraryDatabase | undefined;
  try {
    db = new LibraryDatabase(file, warn);
    db.exec('PRAGMA busy_timeout = 5000');
    // The version is checked before anything writes, even the journal mode.
    const version = schemaVersion(db, file);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA synchronous = ${EVERYDAY_SYNC}`);
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, version);
    return db;
  } catch (error) {
    db?.close();
    throw error instanceof FerryError ? error : openFailed(error, file);
  }
}

function schemaVersion(db: DatabaseSync, file: string): number {
  const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  if (version > migrations.length) {
    throw new FerryError(
      'storage',
      `${file} was written by a newer version of Ferry (schema ${version}, this one knows ${migrations.length}). Update Ferry; the file was not changed.`,
    );
  }
  return version;
}

function migrate(db: DatabaseSync, version: number): void {
  for (let step = version; step < migrations.length; step++) {
    db.exec('BEGIN IMMEDIATE');
    // Another process (the app and the CLI start together) may have applied this step meanwhile.
    if (Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version) > step) {
      db.exec('COMMIT');
      continue;
    }
    try {
      db.exec(migrations[step] as string);
      db.exec(`PRAGMA user_version = ${step + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
