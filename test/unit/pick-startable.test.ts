import { describe, expect, it } from 'vitest';
import { pickStartable, type StartLimits } from '../../electron/downloads/pick-startable';
import type { Queue } from '../../shared/queues';

const noon = new Date(2026, 10, 27, 12, 0);

function queue(id: number, patch: Partial<Queue> = {}): Queue {
  return {
    id,
    name: `Queue ${id}`,
    concurrency: 0,
    speedLimit: 0,
    paused: false,
    schedule: null,
    directory: null,
    ...patch,
  };
}

function download(id: number, queueId = 1, accountId: string | null = null) {
  return { id, queueId, accountId };
}

function pick(
  queued: ReturnType<typeof download>[],
  running: ReturnType<typeof download>[],
  queues: Queue[],
  limits: Partial<StartLimits> = {},
  now = noon,
): number[] {
  const byId = new Map(queues.map((candidate) => [candidate.id, candidate]));
  const all = { maxParallel: 10, maxPerAccount: 2, ...limits };
  return pickStartable(queued, running, byId, all, now).map((picked) => picked.id);
}

const five = [1, 2, 3, 4, 5].map((id) => download(id));

describe('pickStartable', () => {
  it.each([
    { name: 'fills every free slot, in the order given', running: [], max: 3, expected: [1, 2, 3] },
    { name: 'counts what already runs against the limit', running: [download(9)], max: 3, expected: [1, 2] },
    { name: 'starts nothing when the limit is reached', running: [download(8), download(9)], max: 2, expected: [] },
    { name: 'never starts one that already runs', running: [download(2)], max: 3, expected: [1, 3] },
  ])('global limit: $name', ({ running, max, expected }) => {
    expect(pick(five, running, [queue(1)], { maxParallel: max })).toEqual(expected);
  });

  it.each([
    { name: 'keeps each queue within its own concurrency', concurrency: 2, running: [], expected: [1, 2, 6, 7, 8] },
    { name: 'counts what the queue already runs', concurrency: 2, running: [download(20, 1)], expected: [1, 6, 7, 8] },
    { name: '0 means only the global limit applies', concurrency: 0, running: [], expected: [1, 2, 3, 6, 7, 8] },
  ])('queue limit: $name', ({ concurrency, running, expected }) => {
    const queued = [download(1), download(2), download(3), download(6, 2), download(7, 2), download(8, 2)];
    expect(pick(queued, running, [queue(1, { concurrency }), queue(2)])).toEqual(expected);
  });

  it('skips a full queue without holding up the queues behind it', () => {
    const queued = [download(1), download(2), download(3, 2)];
    expect(pick(queued, [], [queue(1, { concurrency: 1 }), queue(2)], { maxParallel: 2 })).toEqual([1, 3]);
  });

  it.each([
    { name: 'keeps each account within its limit', running: [], perAccount: 1, expected: [1, 3, 5] },
    {
      name: 'counts what the account already runs',
      running: [download(9, 1, 'a')],
      perAccount: 2,
      expected: [1, 3, 4, 5],
    },
    { name: 'never limits downloads without an account', running: [], perAccount: 0, expected: [5] },
  ])('account limit: $name', ({ running, perAccount, expected }) => {
    const queued = [
      download(1, 1, 'a'),
      download(2, 1, 'a'),
      download(3, 1, 'b'),
      download(4, 1, 'b'),
      download(5, 1, null),
    ];
    expect(pick(queued, running, [queue(1)], { maxPerAccount: perAccount })).toEqual(expected);
  });

  it.each([
    { window: { start: '09:00', stop: '17:00' }, at: noon, opens: true },
    { window: { start: '13:00', stop: '17:00' }, at: noon, opens: false },
    { window: { start: '22:00', stop: '06:00' }, at: new Date(2026, 10, 27, 23, 30), opens: true },
    { window: { start: '22:00', stop: '06:00' }, at: new Date(2026, 10, 27, 5, 59), opens: true },
    { window: { start: '22:00', stop: '06:00' }, at: new Date(2026, 10, 27, 6, 0), opens: false },
    { window: { start: '22:00', stop: '06:00' }, at: noon, opens: false },
  ])('queue window $window.start-$window.stop at $at: starts = $opens', ({ window, at, opens }) => {
    expect(pick([download(1)], [], [queue(1, { schedule: window })], {}, at)).toEqual(opens ? [1] : []);
  });

  it('starts nothing from a paused queue or a queue that no longer exists', () => {
    expect(pick([download(1), download(2, 2), download(3, 3)], [], [queue(1, { paused: true }), queue(2)])).toEqual([
      2,
    ]);
  });
});
