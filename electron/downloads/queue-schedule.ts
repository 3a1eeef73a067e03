import type { Queue } from '../../shared/queues';

/**
 * Whether a queue may run now. A window whose stop is before its start spans
 * midnight (22:00-06:00 runs through the night).
 */
export function isQueueOpen(queue: Queue, now: Date = new Date()): boolean {
  if (!queue.schedule) return true;
  const minute = now.getHours() * 60 + now.getMinutes();
  const start = minutesOf(queue.schedule.start);
  const stop = minutesOf(queue.schedule.stop);
  if (start === stop) return true;
  return start < stop ? minute >= start && minute < stop : minute >= start || minute < stop;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
