import type { Queue } from '../../shared/queues';

/** What a queue's settings form may hold, within what `queues:update` accepts. */
export const MAX_QUEUE_CONCURRENCY = 16;
const MAX_NAME_LENGTH = 80;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What is wrong with a queue name, or null when it may be saved; `others` are the other queues' names. */
export function queueNameProblem(name: string, others: readonly string[]): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the queue a name.';
  if (trimmed.length > MAX_NAME_LENGTH) return `Keep the name under ${MAX_NAME_LENGTH + 1} characters.`;
  if (others.some((other) => other.toLowerCase() === trimmed.toLowerCase())) {
    return `There is already a queue called "${trimmed}". Pick another name.`;
  }
  return null;
}

export function concurrencyProblem(value: number): string | null {
  if (!Number.isInteger(value) || value < 0 || value > MAX_QUEUE_CONCURRENCY) {
    return `Enter a whole number from 0 (no limit of its own) to ${MAX_QUEUE_CONCURRENCY}.`;
  }
  return null;
}

/** A speed limit in KiB/s: 0 means the queue has none of its own. */
export function speedLimitProblem(kibPerSecond: number): string | null {
  if (!Number.isInteger(kibPerSecond) || kibPerSecond < 0) return 'Enter a whole number of KiB/s, or 0 for no limit.';
  return null;
}

/** What is wrong with a daily window, or null; the window may cross midnight (22:00 to 06:00). */
export function scheduleProblem(schedule: NonNullable<Queue['schedule']>): string | null {
  if (!CLOCK.test(schedule.start)) return 'Enter a start time on the 24-hour clock, HH:MM, such as 22:00.';
  if (!CLOCK.test(schedule.stop)) return 'Enter a stop time on the 24-hour clock, HH:MM, such as 06:00.';
  if (schedule.start === schedule.stop) {
    return 'Start and stop are the same time, so the window would be empty. Pick two different times.';
  }
  return null;
}

const MINUTES_A_DAY = 24 * 60;

/** A 24-hour 'HH:MM' moved by some minutes, round the clock; a time that does not read as one starts from 00:00. */
export function stepClock(time: string, minutes: number): string {
  const [hours = 0, mins = 0] = CLOCK.test(time) ? time.split(':').map(Number) : [];
  const total = (((hours * 60 + mins + minutes) % MINUTES_A_DAY) + MINUTES_A_DAY) % MINUTES_A_DAY;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The queue's state in a few words, for its line in the list. */
export function queueStateLabel(queue: Pick<Queue, 'paused' | 'schedule'>): string {
  if (queue.paused) return 'Paused';
  return queue.schedule ? `Runs ${queue.schedule.start}–${queue.schedule.stop}` : 'Runs any time';
}
