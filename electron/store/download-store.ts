import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { activeStatuses, type Download, type DownloadError, type DownloadStatus } from '../../shared/downloads';
import type { Queue, QueuePatch } from '../../shared/queues';
import type { ResumeState } from '../engine/transfer-types';

export interface NewDownload {
  ref: string;
  directory: string;
  queueId?: number;
  accountId?: string | null;
  connections?: number | null;
  speedLimit?: number | null;
  priority?: number;
  unpack?: boolean;
}

/** The error code of a download whose file arrived but could not be unpacked. */
export const UNPACK_FAILED = 'unpack';

type Row = Record<string, string | number | null>;

/** Downloads and queues in the profile's database: the one source of truth every process reads. */
export class DownloadStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  add(input: NewDownload): Download {
    return this.addMany([input])[0] as Download;
  }

  /** One transaction for the lot: adding thousands of links stays well under a second. */
  addMany(inputs: NewDownload[]): Download[] {
    const insert = this.db.prepare(
      `INSERT INTO downloads (queue_id, account_id, ref, status, directory, priority, connections, speed_limit, unpack, created_at)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
    );
    const ids: number[] = [];
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const input of inputs) ids.push(this.insert(insert, input));
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    return ids.map((id) => this.get(id) as Download);
  }

  private insert(statement: StatementSync, input: NewDownload): number {
    const result = statement.run(
      input.queueId ?? 1,
      input.accountId ?? null,
      input.ref,
      input.directory,
      input.priority ?? 0,
      input.connections ?? null,
      input.speedLimit ?? null,
      input.unpack ? 1 : 0,
      Date.now(),
    );
    return Number(result.lastInsertRowid);
  }

  /** Changes whenever another connection (a ferry CLI) commits to the library. */
  dataVersion(): number {
    return Number((this.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
  }

  get(id: number): Download | undefined {
    const row = this.db.prepare('SELECT * FROM downloads WHERE id = ?').get(id) as Row | undefined;
    return row ? toDownload(row) : undefined;
  }

  list(): Download[] {
    return (this.db.prepare('SELECT * FROM downloads ORDER BY id').all() as Row[]).map(toDownload);
  }

  /** Downloads whose file is complete and waits to be unpacked, oldest first. */
  unpacking(): Download[] {
    const rows = this.db.prepare(`SELECT * FROM downloads WHERE status = 'unpacking' ORDER BY id`).all() as Row[];
    return rows.map(toDownload);
  }

  /** Queued downloads in the order they should start: priority first, then age. */
  queued(): Download[] {
    const rows = this.db
      .prepare(`SELECT * FROM downloads WHERE status = 'queued' ORDER BY priority DESC, id`)
      .all() as Row[];
    return rows.map(toDownload);
  }

  addQueue(queue: { name: string; concurrency: number; speedLimit?: number }): Queue {
    const result = this.db
      .prepare('INSERT INTO queues (name, concurrency, speed_limit) VALUES (?, ?, ?)')
      .run(queue.name, queue.concurrency, queue.speedLimit ?? 0);
    return this.queues().find((candidate) => candidate.id === Number(result.lastInsertRowid)) as Queue;
  }

  queues(): Queue[] {
    const rows = this.db.prepare('SELECT * FROM queues ORDER BY id').all() as Row[];
    return rows.map(toQueue);
  }

  updateQueue(id: number, patch: QueuePatch): void {
    const current = this.queues().find((queue) => queue.id === id);
    if (!current) return;
    const next = { ...current, ...patch };
    this.db
      .prepare(
        'UPDATE queues SET name = ?, concurrency = ?, speed_limit = ?, paused = ?, schedule_start = ?, schedule_stop = ?, directory = ? WHERE id = ?',
      )
      .run(
        next.name,
        next.concurrency,
        next.speedLimit,
        next.paused ? 1 : 0,
        next.schedule?.start ?? null,
        next.schedule?.stop ?? null,
        next.directory,
        id,
      );
  }

  /** Finished downloads whose name contains the text, newest first. */
  searchHistory(text: string, limit = 500): Download[] {
    const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const rows = this.db
      .prepare(
        `SELECT * FROM downloads WHERE status = 'done' AND (name LIKE ? ESCAPE '\\' OR ref LIKE ? ESCAPE '\\')
         ORDER BY finished_at DESC, id DESC LIMIT ?`,
      )
      .all(pattern, pattern, limit) as Row[];
    return rows.map(toDownload);
  }

  remove(ids: number[]): void {
    const statement = this.db.prepare('DELETE FROM downloads WHERE id = ?');
    for (const id of ids) statement.run(id);
  }

  setPriority(ids: number[], priority: number): void {
    const statement = this.db.prepare('UPDATE downloads SET priority = ? WHERE id = ?');
    for (const id of ids) statement.run(priority, id);
  }

  removeQueue(id: number): void {
    this.db.prepare('DELETE FROM queues WHERE id = ?').run(id);
  }

  /** Moves downloads to another queue, e.g. before that queue is removed. */
  moveToQueue(ids: number[], queueId: number): void {
    const statement = this.db.prepare('UPDATE downloads SET queue_id = ? WHERE id = ?');
    for (const id of ids) statement.run(queueId, id);
  }

  setStatus(id: number, status: DownloadStatus): void {
    this.db.prepare('UPDATE downloads SET status = ? WHERE id = ?').run(status, id);
  }

  /** Sets a status only where the download is in one of `from`; returns how many changed. */
  transition(ids: number[] | 'all', from: readonly DownloadStatus[], to: DownloadStatus): number {
    const statuses = from.map(() => '?').join(', ');
    const scope = ids === 'all' ? '' : ` AND id IN (${ids.map(() => '?').join(', ')})`;
    const result = this.db
      .prepare(
        `UPDATE downloads SET status = ?, error_code = NULL, error_message = NULL WHERE status IN (${statuses})${scope}`,
      )
      .run(to, ...from, ...(ids === 'all' ? [] : ids));
    return Number(result.changes);
  }

  /** After a crash or kill, what was running comes back queued (or paused, if the settings say so); its resume state stays. */
  requeueInterrupted(to: 'queued' | 'paused' = 'queued'): number {
    return this.transition('all', activeStatuses, to);
  }

  recordCheckpoint(id: number, state: ResumeState, received: number): void {
    this.db
      .prepare('UPDATE downloads SET resume_state = ?, received = ?, size = ?, name = ? WHERE id = ?')
      .run(JSON.stringify(state), received, state.size, state.fileName, id);
  }

  resumeState(id: number): ResumeState | undefined {
    const row = this.db.prepare('SELECT resume_state FROM downloads WHERE id = ?').get(id) as Row | undefined;
    return typeof row?.resume_state === 'string' ? (JSON.parse(row.resume_state) as ResumeState) : undefined;
  }

  clearResumeState(id: number): void {
    this.db.prepare('UPDATE downloads SET resume_state = NULL, received = 0 WHERE id = ?').run(id);
  }

  /** The file has its final name: the download is done, or next it is unpacked. */
  finish(id: number, result: { path: string; size: number; sha256?: string }, status: 'done' | 'unpacking'): void {
    this.db
      .prepare(
        `UPDATE downloads SET status = ?, path = ?, name = ?, size = ?, received = ?, sha256 = ?, resume_state = NULL,
           error_code = NULL, error_message = NULL, finished_at = ? WHERE id = ?`,
      )
      .run(
        status,
        result.path,
        result.path.split(/[/\\]/).pop() ?? null,
        result.size,
        result.size,
        result.sha256 ?? null,
        Date.now(),
        id,
      );
  }

  /** Unpacking ended: `to` is where the contents went, null when the file was not an archive. */
  unpacked(id: number, to: string | null): void {
    this.db
      .prepare(`UPDATE downloads SET status = 'done', unpacked_to = ? WHERE id = ? AND status = 'unpacking'`)
      .run(to, id);
  }

  /** Retry for a download whose file is complete but could not be unpacked: unpack again, do not download again. */
  retryUnpacking(ids: number[] | 'all'): number {
    const scope = ids === 'all' ? '' : ` AND id IN (${ids.map(() => '?').join(', ')})`;
    const result = this.db
      .prepare(
        `UPDATE downloads SET status = 'unpacking', error_code = NULL, error_message = NULL
         WHERE status = 'failed' AND error_code = '${UNPACK_FAILED}' AND path IS NOT NULL${scope}`,
      )
      .run(...(ids === 'all' ? [] : ids));
    return Number(result.changes);
  }

  setSha256(id: number, sha256: string): void {
    this.db.prepare('UPDATE downloads SET sha256 = ? WHERE id = ?').run(sha256, id);
  }

  fail(id: number, error: DownloadError): void {
    this.db
      .prepare(`UPDATE downloads SET status = 'failed', error_code = ?, error_message = ? WHERE id = ?`)
      .run(error.code, error.message, id);
  }
}

function toQueue(row: Row): Queue {
  const start = row.schedule_start === null ? null : String(row.schedule_start);
  const stop = row.schedule_stop === null ? null : String(row.schedule_stop);
  return {
    id: Number(row.id),
    name: String(row.name),
    concurrency: Number(row.concurrency),
    speedLimit: Number(row.speed_limit),
    paused: Number(row.paused) === 1,
    schedule: start && stop ? { start, stop } : null,
    directory: row.directory === null ? null : String(row.directory),
  };
}

function toDownload(row: Row): Download {
  const nullableNumber = (value: unknown) => (value === null ? null : Number(value));
  const nullableString = (value: unknown) => (value === null ? null : String(value));
  return {
    id: Number(row.id),
    queueId: Number(row.queue_id),
    accountId: nullableString(row.account_id),
    provider: String(row.provider),
    ref: String(row.ref),
    status: row.status as DownloadStatus,
    name: nullableString(row.name),
    path: nullableString(row.path),
    directory: String(row.directory),
    size: nullableNumber(row.size),
    received: Number(row.received),
    error: row.error_code === null ? null : { code: String(row.error_code), message: String(row.error_message) },
    priority: Number(row.priority),
    connections: nullableNumber(row.connections),
    speedLimit: nullableNumber(row.speed_limit),
    createdAt: Number(row.created_at),
    finishedAt: nullableNumber(row.finished_at),
    sha256: nullableString(row.sha256),
    unpack: Number(row.unpack) === 1,
    unpackedTo: nullableString(row.unpacked_to),
  };
}
