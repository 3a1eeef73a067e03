import { describe, expect, it } from 'vitest';
import { queueChoices } from '../../renderer/store/queue-choices';
import type { Queue } from '../../shared/queues';
import { download } from './download-fixture';

function queue(id: number, name: string): Queue {
  return { id, name, concurrency: 0, speedLimit: 0, paused: false, schedule: null, directory: null };
}

const queues = [queue(1, 'Default'), queue(2, 'Night'), queue(3, 'Models')];

describe('queueChoices', () => {
  it('offers every queue but the one all the selected downloads are in', () => {
    const selected = [download({ id: 1, queueId: 2 }), download({ id: 2, queueId: 2 })];
    expect(queueChoices(queues, selected).map((choice) => choice.name)).toEqual(['Default', 'Models']);
  });

  it('offers every queue when the selection spans several', () => {
    const selected = [download({ id: 1, queueId: 1 }), download({ id: 2, queueId: 3 })];
    expect(queueChoices(queues, selected).map((choice) => choice.id)).toEqual([1, 2, 3]);
  });

  it('offers nothing with one queue or nothing selected', () => {
    expect(queueChoices([queue(1, 'Default')], [download({ queueId: 1 })])).toEqual([]);
    expect(queueChoices(queues, [])).toEqual([]);
  });
});
