import { describe, expect, it } from 'vitest';
import {
  moved,
  PRIORITY_MAX,
  PRIORITY_MIN,
  priorityChanges,
  queueItemCounts,
  queueItems,
  startOrder,
} from '../../renderer/store/queue-order';
import type { Download } from '../../shared/downloads';
import { download } from './download-fixture';

type Ranked = Pick<Download, 'id' | 'priority'>;

/** The order the library would start them in once the changes are written. */
function afterChanges(items: Ranked[], wanted: Ranked[]): number[] {
  const priorities = new Map(items.map((item) => [item.id, item.priority]));
  for (const change of priorityChanges(wanted)) for (const id of change.ids) priorities.set(id, change.priority);
  return [...priorities]
    .map(([id, priority]) => ({ id, priority }))
    .sort(startOrder)
    .map((item) => item.id);
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('queueItems', () => {
  it('lists one queue without finished or canceled downloads, highest priority first, then oldest', () => {
    const downloads = {
      1: download({ id: 1 }),
      2: download({ id: 2, priority: 5 }),
      3: download({ id: 3, queueId: 2 }),
      4: download({ id: 4, status: 'done' }),
      5: download({ id: 5, status: 'paused' }),
      6: download({ id: 6, status: 'canceled' }),
    };
    expect(queueItems(downloads, 1).map((item) => item.id)).toEqual([2, 1, 5]);
    expect([...queueItemCounts(downloads)]).toEqual([
      [1, 3],
      [2, 1],
    ]);
  });
});

describe('moved', () => {
  it('moves one item and leaves the list alone for moves out of range', () => {
    expect(moved([1, 2, 3, 4], 3, 0)).toEqual([4, 1, 2, 3]);
    expect(moved([1, 2, 3, 4], 0, 2)).toEqual([2, 3, 1, 4]);
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 2, 3)).toEqual([1, 2, 3]);
  });
});

describe('priorityChanges', () => {
  const items = [1, 2, 3, 4].map((id) => ({ id, priority: 0 }));

  it('raises only the download moved to the top', () => {
    const wanted = [items[3], items[0], items[1], items[2]] as Ranked[];
    expect(priorityChanges(wanted)).toEqual([{ priority: 1, ids: [4] }]);
    expect(afterChanges(items, wanted)).toEqual([4, 1, 2, 3]);
  });

  it('raises those above a download moved down, in one call per priority', () => {
    const wanted = [items[1], items[2], items[0], items[3]] as Ranked[];
    expect(priorityChanges(wanted)).toEqual([{ priority: 1, ids: [3, 2] }]);
    expect(afterChanges(items, wanted)).toEqual([2, 3, 1, 4]);
  });

  it('changes nothing when the order is already right', () => {
    expect(priorityChanges([{ id: 9, priority: 3 }, ...items])).toEqual([]);
  });

  it('numbers the list afresh rather than pass the top priority', () => {
    const crowded = [
      { id: 1, priority: PRIORITY_MAX },
      { id: 2, priority: PRIORITY_MAX },
    ];
    const wanted = [crowded[1], crowded[0]] as Ranked[];
    expect(priorityChanges(wanted)).toEqual([
      { priority: PRIORITY_MIN, ids: [1] },
      { priority: PRIORITY_MIN + 1, ids: [2] },
    ]);
    expect(afterChanges(crowded, wanted)).toEqual([2, 1]);
  });

  it('gives every reordering of mixed priorities the order asked for, within bounds', () => {
    const next = random(7);
    for (let round = 0; round < 200; round += 1) {
      const list = Array.from({ length: 2 + Math.floor(next() * 10) }, (_, index) => ({
        id: index + 1,
        priority: Math.floor(next() * 7) - 3,
      }));
      const wanted = moved(
        [...list].sort(startOrder),
        Math.floor(next() * list.length),
        Math.floor(next() * list.length),
      );
      expect(afterChanges(list, wanted)).toEqual(wanted.map((item) => item.id));
      for (const change of priorityChanges(wanted)) {
        expect(change.priority).toBeGreaterThanOrEqual(PRIORITY_MIN);
        expect(change.priority).toBeLessThanOrEqual(PRIORITY_MAX);
      }
    }
  });
});
