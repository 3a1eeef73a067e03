import { toDownloadErrorCode } from '../../shared/download-errors';
import type { DownloadStatus } from '../../shared/download-status';
import type { Download } from '../../shared/downloads';
import type { Queue } from '../../shared/queues';

/** A row as node:sqlite returns it. */
export type Row = Record<string, string | number | null>;

export function toQueue(row: Row): Queue {
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

export function toDownload(row: Row): Download {
  const nullableNumber = (value: unknown) => (value === null ? null : Number(value));
  const nullableString = (value: unknown) => (value === null ? null : String(value));
  return {
    id: Number(row.id),
    queueId: Number(row.queue_id),
    accountId: nullableString(row.account_id),
    provider: String(row.provider),
    ref: String(row.ref),
    status: row.status as DownloadStatus,
    waitingFor: nullableString(row.waiting_for),
    name: nullableString(row.name),
    path: nullableString(row.path),
    directory: String(row.directory),
    size: nullableNumber(row.size),
    received: Number(row.received),
    error:
      row.error_code === null
        ? null
        : { code: toDownloadErrorCode(String(row.error_code)), message: String(row.error_message) },
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
