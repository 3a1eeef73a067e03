import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { DownloadError } from '../../shared/download-errors';
import { assertMoves, type DownloadStatus, inFlightStatuses, statusesInto } from '../../shared/download-status';
import type { Download } from '../../shared/downloads';
import type { Queue, QueuePatch } from '../../shared/queues';
import { durably } from './database';
import { DownloadHistory } from './download-history';
import { ResumeStates } from './resume-states';
import { type Row, toDownload, toQueue } from './rows';
import { StatementCache } from './statement-cache';
import { batched } from './write-batch';

export interface NewDownload {
  ref: string;
  /** Which provider fetches it; `http` (a direct link) when left out. */
  provider?: string;
  directory: string;
  queueId?: number;
  accountId?: string | null;
  connections?: number | null;
  speedLimit?: number | null;
  priority?: number;
  unpack?: boolean;
}

/** Where a download may be when its file gets its final name: see `nextStatuses` for why a pause or cancel is too late then. */
const finishingStatuses: readonly DownloadStatus[] = statusesInto('done').filter((status) => status !== 'unpacking');

/** Downloads and queues in the profile's database: the one source of truth every process reads. */
export class DownloadStore {
  private readonly statements: StatementCache;
  readonly history: DownloadHistory;
  readonly resume: ResumeStates;

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db);
    this.history = new DownloadHistory(db);
    this.resume = new ResumeStates(db);
  }

  private sql(text: string): StatementSync {
    return this.statements.get(text);
  }

  add(input: NewDownload): Download {
    return this.addMany([input])[0] as Download;
  }

  /** One transaction for the lot: adding thousands of links stays well under a second. */
  addMany(inputs: NewDownload[]): Download[] {
    const insert = this.sql(
      `INSERT INTO downloads (queue_id, account_id, provider, ref, status, directory, priority, connections, speed_limit, unpack, created_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
    );
    const ids = durably(this.db, () => inputs.map((input) => this.insert(insert, input)));
    return ids.map((id) => this.get(id) as Download);
  }

  private insert(statement: StatementSync, input: NewDownload): number {
    const result = statement.run(
      input.queueId ?? 1,
      input.accountId ?? null,
      input.provider ?? 'http',
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
    return Number((this.sql('PRAGMA data_version').get() as { data_version: number }).data_version);
  }

  get(id: number): Download | undefined {
    const row = this.sql('SELECT * FROM downloads WHERE id = ?').get(id) as Row | undefined;
    return row ? toDownload(row) : undefined;
  }

  /** The current status of each download that still exists, in one read. */
  statuses(ids: readonly number[]): Map<number, DownloadStatus> {
    if (ids.length === 0) return new Map();
    const rows = this.sql(`SELECT id, status FROM downloads WHERE id IN (${ids.map(() => '?').join(', ')})`).all(
      ...ids,
    ) as Row[];
    return new Map(rows.map((row) => [Number(row.id), row.status as DownloadStatus]));
  }

  list(): Download[] {
    return (this.sql('SELECT * FROM downloads ORDER BY id').all() as Row[]).map(toDownload);
  }

  /** Downloads whose file is complete and waits to be unpacked, oldest first. */
  unpacking(): Download[] {
    const rows = this.sql(`SELECT * FROM downloads WHERE status = 'unpacking' ORDER BY id`).all() as Row[];
    return rows.map(toDownload);
  }

  /** Queued downloads in the order they should start: priority first, then age. */
  queued(): Download[] {
    const rows = this.sql(`SELECT * FROM downloads WHERE status = 'queued' ORDER BY priority DESC, id`).all() as Row[];
    return rows.map(toDownload);
  }

  addQueue(queue: { name: string; concurrency: number; speedLimit?: number }): Queue {
    const result = this.sql('INSERT INTO queues (name, concurrency, speed_limit) VALUES (?, ?, ?)').run(
      queue.name,
      queue.concurrency,
      queue.speedLimit ?? 0,
    );
    return this.queues().find((candidate) => candidate.id === Number(result.lastInsertRowid)) as Queue;
  }

  queues(): Queue[] {
    const rows = this.sql('SELECT * FROM queues ORDER BY id').all() as Row[];
    return rows.map(toQueue);
  }

  updateQueue(id: number, patch: QueuePatch): void {
    const current = this.queues().find((queue) => queue.id === id);
    if (!current) return;
    const next = { ...current, ...patch };
    this.sql(
      'UPDATE queues SET name = ?, concurrency = ?, speed_limit = ?, paused = ?, schedule_start = ?, schedule_stop = ?, directory = ? WHERE id = ?',
    ).run(
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
    const rows = this.sql(
      `SELECT * FROM downloads WHERE status = 'done' AND (name LIKE ? ESCAPE '\\' OR ref LIKE ? ESCAPE '\\')
         ORDER BY finished_at DESC, id DESC LIMIT ?`,
    ).all(pattern, pattern, limit) as Row[];
    return rows.map(toDownload);
  }

  remove(ids: number[]): void {
    const statement = this.sql('DELETE FROM downloads WHERE id = ?');
    for (const id of ids) statement.run(id);
  }

  setPriority(ids: number[], priority: number): void {
    const statement = this.sql('UPDATE downloads SET priority = ? WHERE id = ?');
    for (const id of ids) statement.run(priority, id);
  }

  removeQueue(id: number): void {
    this.sql('DELETE FROM queues WHERE id = ?').run(id);
  }

  /** Moves downloads to another queue, e.g. before that queue is removed. */
  moveToQueue(ids: number[], queueId: number): void {
    const statement = this.sql('UPDATE downloads SET queue_id = ? WHERE id = ?');
    for (const id of ids) statement.run(queueId, id);
  }

  /**
   * Sets `to` where a download is in one of `from`, and only there: another
   * process may have moved it meanwhile. Returns how many changed. A move the
   * state machine forbids throws IllegalTransitionError before anything is written.
   */
  transition(ids: number[] | 'all', from: readonly DownloadStatus[], to: DownloadStatus): number {
    return this.move(ids, from, to, { set: 'error_code = NULL, error_message = NULL' });
  }

  /** Shows a download on its way as waiting, and why (a downloading one for its network); false when it moved on. */
  waiting(id: number, reason: string): boolean {
    return (
      this.move([id], ['resolving', 'waiting', 'downloading'], 'waiting', {
        set: 'waiting_for = ?',
        params: [reason],
      }) === 1
    );
  }

  /** After a crash or kill, what was running comes back queued (or paused, if the settings say so); its resume state stays. */
  requeueInterrupted(to: 'queued' | 'paused' = 'queued'): number {
    return this.transition('all', inFlightStatuses, to);
  }

  /** Every status change goes through here, so none can skip the state machine. */
  private move(
    ids: number[] | 'all',
    from: readonly DownloadStatus[],
    to: DownloadStatus,
    change: { set: string; params?: SQLInputValue[]; where?: string },
  ): number {
    assertMoves(from, to);
    if (ids !== 'all' && ids.length === 0) return 0;
    const scope = ids === 'all' ? '' : ` AND id IN (${ids.map(() => '?').join(', ')})`;
    // Only a waiting download has a reason to wait.
    const reason = to === 'waiting' ? '' : ', waiting_for = NULL';
    const statement = this.sql(
      `UPDATE downloads SET status = '${to}', ${change.set}${reason}
         WHERE status IN (${sqlStatusList(from)})${change.where ?? ''}${scope}`,
    );
    const result = batched(this.db, () => statement.run(...(change.params ?? []), ...(ids === 'all' ? [] : ids)));
    return Number(result.changes);
  }

  /**
   * The file has its final name: the download is done, or next it is unpacked.
   * False when it was removed or had already settled meanwhile.
   */
  finish(id: number, result: { path: string; size: number; sha256?: string }, status: 'done' | 'unpacking'): boolean {
    const name = result.path.split(/[/\\]/).pop() ?? null;
    const changed = this.move([id], finishingStatuses, status, {
      set: `path = ?, name = ?, size = ?, received = ?, sha256 = ?, resume_state = NULL, unpacked_to = NULL,
            error_code = NULL, error_message = NULL, finished_at = ?`,
      params: [result.path, name, result.size, result.size, result.sha256 ?? null, Date.now()],
    });
    return changed === 1;
  }

  /** Whether a download in the library has this file as its own. */
  claims(path: string): boolean {
    return this.sql('SELECT 1 FROM downloads WHERE path = ? OR unpacked_to = ? LIMIT 1').get(path, path) !== undefined;
  }

  /**
   * Where unpacking is about to move its result, recorded durably before the
   * move, so a crash between the move and `unpacked` finds it there on restart
   * instead of unpacking a second copy beside it.
   */
  placing(id: number, to: string): void {
    durably(this.db, () =>
      this.sql(`UPDATE downloads SET unpacked_to = ? WHERE id = ? AND status = 'unpacking'`).run(to, id),
    );
  }

  /** Unpacking ended: `to` is where the contents went, null when the file was not an archive. */
  unpacked(id: number, to: string | null): boolean {
    return this.move([id], ['unpacking'], 'done', { set: 'unpacked_to = ?', params: [to] }) === 1;
  }

  /** Retry for a download whose file is complete but could not be unpacked: unpack again, do not download again. */
  retryUnpacking(ids: number[] | 'all'): number {
    return this.move(ids, ['failed'], 'unpacking', {
      set: 'error_code = NULL, error_message = NULL',
      where: ` AND error_code = 'unpack' AND path IS NOT NULL`,
    });
  }

  /** Post-processing rewrote the finished file in place: a new size, and a hash to be read again. */
  rewritten(id: number, size: number): void {
    batched(this.db, () =>
      this.sql('UPDATE downloads SET size = ?, received = ?, sha256 = NULL WHERE id = ?').run(size, size, id),
    );
  }

  setSha256(id: number, sha256: string): void {
    batched(this.db, () => this.sql('UPDATE downloads SET sha256 = ? WHERE id = ?').run(sha256, id));
  }

  /** False when the download had moved on meanwhile: a failure never overrides a person's pause or cancel. */
  fail(id: number, error: DownloadError): boolean {
    // An unpacking that failed put nothing at the name it was about to take (see `placing`).
    const changed = this.move([id], statusesInto('failed'), 'failed', {
      set: `error_code = ?, error_message = ?, unpacked_to = CASE WHEN status = 'unpacking' THEN NULL ELSE unpacked_to END`,
      params: [error.code, error.message],
    });
    return changed === 1;
  }
}

/** A status list for an SQL `IN (...)`: the names are the state machine's constants, never input. */
function sqlStatusList(statuses: readonly DownloadStatus[]): string {
  return statuses.map((status) => `'${status}'`).join(', ');
}
