import { statSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { describeError } from './library-errors';

/** A stat a second at most: commits come many times a second while downloads run. */
const CHECK_INTERVAL_MS = 1000;

/**
 * Notices the journal (`ferry.db-wal`) being deleted under a running Ferry.
 * The connection keeps writing to the deleted file, where every later commit
 * would vanish with a crash and another process would start a journal of its
 * own. So once it is seen gone, what the old journal holds is copied into the
 * library and a fresh journal started, and the person is told.
 */
export class JournalWatch {
  private inode: number | null = null;
  private lastCheck = 0;
  private reported = false;

  constructor(
    private readonly file: string,
    private readonly warn: (message: string) => void,
  ) {}

  check(db: DatabaseSync): void {
    const now = Date.now();
    if (now - this.lastCheck < CHECK_INTERVAL_MS) return;
    this.lastCheck = now;
    const journal = `${this.file}-wal`;
    const found = statSync(journal, { throwIfNoEntry: false });
    if (found && (this.inode === null || found.ino === this.inode)) {
      this.inode = found.ino;
      return;
    }
    if (this.inode === null) return;
    this.inode = null;
    this.restart(db, journal);
  }

  private restart(db: DatabaseSync, journal: string): void {
    try {
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.exec('PRAGMA journal_mode = DELETE');
      db.exec('PRAGMA journal_mode = WAL');
      this.warn(
        `The library's journal (${journal}) was deleted while Ferry was running. Ferry saved every change it held into the library (${this.file}) and started a new journal; nothing was lost. Do not delete the files beside ferry.db while Ferry runs.`,
      );
    } catch (error) {
      if (this.reported) return;
      this.reported = true;
      this.warn(
        `The library's journal (${journal}) was deleted while Ferry was running, and Ferry could not start a new one (${describeError(error, this.file)}). Quit every Ferry window and \`ferry\` command using this profile, then start Ferry again; changes made until then may be lost.`,
      );
    }
  }
}
