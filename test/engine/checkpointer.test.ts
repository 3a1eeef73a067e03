import { describe, expect, it } from 'vitest';
import { Checkpointer } from '../../electron/engine/checkpointer';
import type { ResumeState } from '../../electron/engine/transfer-types';

/** A part whose syncs finish (or fail) only when the test says so. */
function fakePart() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    name: 'model.glb',
    pending,
    syncs: () => pending.length,
    sync: () =>
      new Promise<void>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  };
}

function stateAt(start: number): ResumeState {
  return { fileName: 'model.glb', size: 1000, etag: '"v1"', ranges: [{ start, end: 1000 }] };
}

const remote = { size: 1000, validator: { etag: '"v1"' } };

/** What the transfer would hand over when the part lacks everything from `start` on. */
function source(part: ReturnType<typeof fakePart>, start: number) {
  return { part, plan: { toRanges: () => [{ start, end: 1000 }] }, remote };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Checkpointer', () => {
  it('reports a state only once the sync of the bytes it claims has finished', async () => {
    const part = fakePart();
    const reported: ResumeState[] = [];
    const checkpointer = new Checkpointer(
      () => source(part, 400),
      (state) => {
        reported.push(state);
      },
    );
    checkpointer.wrote();
    const checkpoint = checkpointer.request();
    await tick();
    expect(part.syncs()).toBe(1);
    expect(reported).toEqual([]);
    part.pending[0]?.resolve();
    expect(await checkpoint).toEqual(stateAt(400));
    expect(reported).toEqual([stateAt(400)]);
  });

  it('runs one checkpoint at a time: the next takes its positions after the previous is reported', async () => {
    const part = fakePart();
    let position = 100;
    const taken: number[] = [];
    const checkpointer = new Checkpointer(() => {
      taken.push(position);
      return source(part, position);
    }, undefined);
    checkpointer.wrote();
    const first = checkpointer.request();
    await tick();
    position = 500;
    checkpointer.wrote();
    const second = checkpointer.request();
    await tick();
    expect(taken).toEqual([100]);
    part.pending[0]?.resolve();
    await first;
    await tick();
    expect(taken).toEqual([100, 500]);
    part.pending[1]?.resolve();
    expect(await second).toEqual(stateAt(500));
  });

  it('does not sync when nothing was written since the last checkpoint', async () => {
    const part = fakePart();
    const checkpointer = new Checkpointer(() => source(part, 0), undefined);
    expect(await checkpointer.request()).toEqual(stateAt(0));
    expect(part.syncs()).toBe(0);
  });

  it('trusts only the last durable state after a failed sync, and syncs again next time', async () => {
    const part = fakePart();
    let position = 200;
    const checkpointer = new Checkpointer(() => source(part, position), undefined);
    checkpointer.wrote();
    const durable = checkpointer.request();
    await tick();
    part.pending[0]?.resolve();
    await durable;

    position = 700;
    checkpointer.wrote();
    const final = checkpointer.final();
    await tick();
    part.pending[1]?.reject(new Error('EIO'));
    expect(await final).toEqual(stateAt(200));

    const retried = checkpointer.request();
    await tick();
    expect(part.syncs()).toBe(3);
    part.pending[2]?.resolve();
    expect(await retried).toEqual(stateAt(700));
  });

  it('records nothing while there is no part or plan yet', async () => {
    const reported: ResumeState[] = [];
    const checkpointer = new Checkpointer(
      () => undefined,
      (state) => {
        reported.push(state);
      },
    );
    checkpointer.wrote();
    expect(await checkpointer.request()).toBeUndefined();
    expect(reported).toEqual([]);
  });

  it('keeps going when its listener throws', async () => {
    const part = fakePart();
    const checkpointer = new Checkpointer(
      () => source(part, 10),
      () => {
        throw new Error('listener bug');
      },
    );
    expect(await checkpointer.request()).toEqual(stateAt(10));
  });
});
