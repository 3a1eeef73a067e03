import { describe, expect, it } from 'vitest';
import { controlsFor } from '../../electron/downloads/control-follower';
import type { DownloadStatus } from '../../shared/download-status';
import type { Queue } from '../../shared/queues';

const noon = new Date(2026, 10, 27, 12, 0);
const open: Queue = {
  id: 1,
  name: 'Default',
  concurrency: 0,
  speedLimit: 0,
  paused: false,
  schedule: null,
  directory: null,
};

function controls(status: DownloadStatus | undefined, queue: Queue = open): string | undefined {
  const statuses = new Map<number, DownloadStatus>(status ? [[7, status]] : []);
  return controlsFor([{ id: 7, queueId: queue.id }], statuses, new Map([[queue.id, queue]]), noon).get(7);
}

describe('following the controls written into the library', () => {
  it.each([
    ['downloading', undefined],
    ['waiting', undefined],
    // Paused and resumed before the follower looked: the running transfer simply goes on.
    ['queued', undefined],
    ['paused', 'pause'],
    ['canceled', 'cancel'],
  ] as const)('a running download now %s gets %s', (status, expected) => {
    expect(controls(status)).toBe(expected);
  });

  it('makes downloads of a paused queue, or one outside its window, yield back to the queue', () => {
    expect(controls('downloading', { ...open, paused: true })).toBe('yield');
    expect(controls('downloading', { ...open, schedule: { start: '22:00', stop: '06:00' } })).toBe('yield');
  });

  it("lets a person's pause or cancel win over a closing queue", () => {
    expect(controls('paused', { ...open, paused: true })).toBe('pause');
    expect(controls('canceled', { ...open, paused: true })).toBe('cancel');
  });
});
