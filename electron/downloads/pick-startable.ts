import type { Download } from '../../shared/downloads';
import type { Queue } from '../../shared/queues';
import { isQueueOpen } from './queue-schedule';

export interface StartLimits {
  /** Files at once across all queues. */
  maxParallel: number;
  /** Files at once for one account: platforms throttle or ban clients that open too many. */
  maxPerAccount: number;
}

type Slot = Pick<Download, 'id' | 'queueId' | 'accountId'>;

/**
 * Which queued downloads may start now, in the order given (priority, then
 * age): the one place that decides what runs next. A download starts when its
 * queue exists, is not paused and is inside its daily window, and when the
 * global limit, its queue's concurrency and its account's limit all have room.
 * Those that cannot start are skipped, so a full queue never holds up another.
 */
export function pickStartable<T extends Slot>(
  queued: readonly T[],
  running: readonly Slot[],
  queues: ReadonlyMap<number, Queue>,
  limits: StartLimits,
  now: Date,
): T[] {
  const runningIds = new Set(running.map((run) => run.id));
  const perQueue = countBy(running, (run) => run.queueId);
  const perAccount = countBy(running, (run) => run.accountId);
  let total = running.length;
  const picked: T[] = [];
  for (const download of queued) {
    if (total >= limits.maxParallel) break;
    const queue = queues.get(download.queueId);
    if (runningIds.has(download.id) || !queue || queue.paused || !isQueueOpen(queue, now)) continue;
    if ((perQueue.get(queue.id) ?? 0) >= queueConcurrency(queue)) continue;
    const account = download.accountId;
    if (account !== null && (perAccount.get(account) ?? 0) >= limits.maxPerAccount) continue;
    picked.push(download);
    total += 1;
    perQueue.set(queue.id, (perQueue.get(queue.id) ?? 0) + 1);
    if (account !== null) perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
  }
  return picked;
}

/** A queue's own limit; 0 means it has none and only the global and account limits apply. */
function queueConcurrency(queue: Queue): number {
  return queue.concurrency === 0 ? Number.POSITIVE_INFINITY : queue.concurrency;
}

function countBy<K>(slots: readonly Slot[], key: (slot: Slot) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const slot of slots) counts.set(key(slot), (counts.get(key(slot)) ?? 0) + 1);
  return counts;
}
