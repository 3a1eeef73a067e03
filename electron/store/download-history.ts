import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  type DownloadEvent,
  type DownloadEventKind,
  downloadEventKinds,
  MAX_EVENTS_PER_DOWNLOAD,
} from '../../shared/download-history';
import { redactText } from '../../shared/redact';
import type { Row } from './rows';
import { StatementCache } from './statement-cache';
import { batched } from './write-batch';

/** A reason is a sentence or two; a server's whole error page is not. */
const MAX_MESSAGE_LENGTH = 500;

/**
 * The timeline of each download in the library: starts, retries with their
 * reasons, pauses and the outcome, the newest few dozen per download. Rows go
 * with their download (ON DELETE CASCADE).
 */
export class DownloadHistory {
  private readonly statements: StatementCache;

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db);
  }

  private sql(text: string): StatementSync {
    return this.statements.get(text);
  }

  /**
   * Written in the turn's shared transaction, never a commit of its own. A
   * start opens the next attempt, numbered from the newest row, which the cap
   * never drops. Nothing is written for a download removed meanwhile.
   */
  record(id: number, kind: DownloadEventKind, message: string | null = null): void {
    const safe = message === null ? null : redactText(message).slice(0, MAX_MESSAGE_LENGTH);
    batched(this.db, () => {
      this.sql(
        `INSERT INTO download_events (download_id, at, kind, attempt, message)
         SELECT id, ?, ?, COALESCE((SELECT MAX(attempt) FROM download_events WHERE download_id = downloads.id), 0) + ?, ?
         FROM downloads WHERE id = ?`,
      ).run(Date.now(), kind, kind === 'started' ? 1 : 0, safe, id);
      this.sql(
        `DELETE FROM download_events WHERE download_id = ? AND id <= (
           SELECT id FROM download_events WHERE download_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      ).run(id, id, MAX_EVENTS_PER_DOWNLOAD);
    });
  }

  /** Oldest first, opened by when it was added (the row's own date, which no cap drops); empty for no such download. */
  of(id: number): DownloadEvent[] {
    const download = this.sql('SELECT created_at FROM downloads WHERE id = ?').get(id) as Row | undefined;
    if (!download) return [];
    const rows = this.sql(
      'SELECT at, kind, attempt, message FROM download_events WHERE download_id = ? ORDER BY id',
    ).all(id) as Row[];
    const added: DownloadEvent = { at: Number(download.created_at), kind: 'added', attempt: 0, message: null };
    return [added, ...rows.flatMap(toEvent)];
  }
}

/** A kind this version does not know (written by a newer Ferry) is left out rather than shown wrong. */
function toEvent(row: Row): DownloadEvent[] {
  const kind = downloadEventKinds.find((known) => known === row.kind);
  if (!kind) return [];
  const message = row.message === null ? null : String(row.message);
  return [{ at: Number(row.at), kind, attempt: Number(row.attempt), message }];
}
