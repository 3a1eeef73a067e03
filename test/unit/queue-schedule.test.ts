import { describe, expect, it } from 'vitest';
import { isQueueOpen } from '../../electron/downloads/queue-schedule';
import type { Queue } from '../../shared/queues';

const queue = (schedule: Queue['schedule']): Queue => ({
  id: 2,
  name: 'Night',
  concurrency: 2,
  speedLimit: 0,
  paused: false,
  schedule,
  directory: null,
});
const at = (time: string) => new Date(`2026-11-22T${time}:00`);

describe('isQueueOpen', () => {
  it('is always open without a schedule', () => {
    expect(isQueueOpen(queue(null), at('03:00'))).toBe(true);
  });

  it('opens within a daytime window, start included and stop excluded', () => {
    const office = queue({ start: '09:00', stop: '17:30' });
    expect(isQueueOpen(office, at('08:59'))).toBe(false);
    expect(isQueueOpen(office, at('09:00'))).toBe(true);
    expect(isQueueOpen(office, at('17:29'))).toBe(true);
    expect(isQueueOpen(office, at('17:30'))).toBe(false);
  });

  it('handles a window that spans midnight', () => {
    const night = queue({ start: '22:00', stop: '06:00' });
    expect(isQueueOpen(night, at('23:15'))).toBe(true);
    expect(isQueueOpen(night, at('02:00'))).toBe(true);
    expect(isQueueOpen(night, at('06:00'))).toBe(false);
    expect(isQueueOpen(night, at('12:00'))).toBe(false);
  });
});
