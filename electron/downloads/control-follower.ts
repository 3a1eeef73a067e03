import type { DownloadStatus } from '../../shared/download-status';
import type { Queue } from '../../shared/queues';
import { isQueueOpen } from './queue-schedule';

/**
 * What to do with a running transfer: a person paused or canceled it (here or
 * in another process: the library is the one channel), or its queue was
 * paused or left its daily window, so it yields and goes back to the queue.
 */
export type Control = 'pause' | 'cancel' | 'yield';

/**
 * Reads the library's statuses for what runs here and decides, for each, the
 * control to apply; downloads with nothing to do are left out.
 */
export function controlsFor(
  running: readonly { id: number; queueId: number }[],
  statuses: ReadonlyMap<number, DownloadStatus>,
  queues: ReadonlyMap<number, Queue>,
  now: Date,
): Map<number, Control> {
  const controls = new Map<number, Control>();
  for (const { id, queueId } of running) {
    const status = statuses.get(id);
    const queue = queues.get(queueId);
    if (status === 'paused') controls.set(id, 'pause');
    else if (status === 'canceled') controls.set(id, 'cancel');
    else if (queue && (queue.paused || !isQueueOpen(queue, now))) controls.set(id, 'yield');
  }
  return controls;
}
