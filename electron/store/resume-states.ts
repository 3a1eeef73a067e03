import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ResumeState } from '../engine/transfer-types';
import { fsyncCoalesced } from '../fs/coalesced-fsync';
import { durably } from './database';
import type { Row } from './rows';
import { StatementCache } from './statement-cache';
import { batched, commitBatch, LibraryDatabase } from './write-batch';

/**
 * Where each unfinished download's part stands (its ranges, size and validator): what a restart, a retry or the
 * next process resumes from. Kept in the download's own row.
 */
export class ResumeStates {
  private readonly statements: StatementCache;
  /** The write-ahead log, whose flush makes everything committed so far durable; null when not in WAL mode. */
  private readonly walFile: string | null;

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db);
    const mode = (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
    this.walFile = mode === 'wal' && db instanceof LibraryDatabase ? `${db.file}-wal` : null;
  }

  private sql(text: string): StatementSync {
    return this.statements.get(text);
  }

  /**
   * Not for a download that finished or was canceled meanwhile: its part is
   * gone, and so must its state be. The first checkpoint, naming the part about
   * to be created, is committed at once; the last, naming the file about to take
   * its final name, resolves once it is flushed to the disk: if the process dies
   * next, they are how the next start recognises the part or the file as its own.
   */
  record(id: number, state: ResumeState, received: number): Promise<void> | undefined {
    const write = () =>
      this.sql(
        `UPDATE downloads SET resume_state = ?, received = ?, size = ?, name = ?
         WHERE id = ? AND status NOT IN ('done', 'canceled')`,
      ).run(JSON.stringify(state), received, state.size, state.fileName, id);
    if (state.opening) {
      // Committed now, before the part exists, so a killed process leaves its name behind; not flushed: that would
      // cost a disk sync per new file, and only a power cut in that instant loses it (leaving a stray part).
      batched(this.db, write);
      commitBatch(this.db);
      return Promise.resolve();
    }
    if (!state.finishing) {
      batched(this.db, write);
      return undefined;
    }
    if (!this.walFile) {
      durably(this.db, write);
      return Promise.resolve();
    }
    batched(this.db, write);
    commitBatch(this.db);
    // Flushing the log on libuv's threads keeps the main thread free; records committed together share a flush.
    return fsyncCoalesced(this.walFile, 'r+');
  }

  of(id: number): ResumeState | undefined {
    const row = this.sql('SELECT resume_state FROM downloads WHERE id = ?').get(id) as Row | undefined;
    return typeof row?.resume_state === 'string' ? (JSON.parse(row.resume_state) as ResumeState) : undefined;
  }

  clear(id: number): void {
    batched(this.db, () => this.sql('UPDATE downloads SET resume_state = NULL, received = 0 WHERE id = ?').run(id));
  }
}
