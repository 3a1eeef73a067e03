import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStore } from '../../renderer/store/ferry-store';
import { queueItems, startOrder } from '../../renderer/store/queue-order';
import { type StoreOverRouter, storeOverRouter } from '../support/store-over-router';

let fixture: StoreOverRouter;
let services: StoreOverRouter['services'];
let store: StoreOverRouter['store'];
let desktop: StoreOverRouter['desktop'];
let client: StoreOverRouter['client'];

beforeEach(async () => {
  fixture = await storeOverRouter();
  ({ services, store, desktop, client } = fixture);
});

afterEach(() => fixture.close());

/** Four downloads in a new queue, which the scheduler never starts (it is not running here). */
async function queueOfFour(): Promise<{ queueId: number; ids: number[] }> {
  await store.getState().loadQueues();
  expect(await store.getState().createQueue('Renders')).toBe(true);
  const queueId = store.getState().openQueueId;
  const refs = ['a', 'b', 'c', 'd'].map((name) => `http://127.0.0.1:9/${name}.bin`);
  const added = await services.downloads.add({ refs, queueId });
  await store.getState().loadDownloads();
  return { queueId, ids: added.map((download) => download.id) };
}

/** The order the library itself would start the queue's downloads in. */
function libraryOrder(queueId: number): number[] {
  return services.downloads
    .list()
    .filter((download) => download.queueId === queueId)
    .sort(startOrder)
    .map((download) => download.id);
}

describe('adding while the Queues view shows a queue', () => {
  it('starts the add dialog on that queue, on Default elsewhere, and keeps it for a second drop', async () => {
    await store.getState().loadQueues();
    expect(await store.getState().createQueue('Renders')).toBe(true);
    const renders = store.getState().openQueueId;
    store.getState().openAddDialog('https://cdn.example.com/a.png');
    expect(store.getState().addDialog).toMatchObject({ open: true, queueId: null });
    store.getState().closeAddDialog();

    store.getState().goTo('queues');
    store.getState().openAddDialog('https://cdn.example.com/a.png');
    expect(store.getState().addDialog.queueId).toBe(renders);
    store.getState().openQueue(1);
    store.getState().openAddDialog('https://cdn.example.com/b.png');
    expect(store.getState().addDialog).toMatchObject({ queueId: renders, text: expect.stringContaining('b.png') });
    store.getState().closeAddDialog();
    expect(store.getState().addDialog.queueId).toBeNull();
  });
});

describe('the Queues view in the renderer store', () => {
  it('creates a queue and opens it, and refuses a second one of the same name in the main process words', async () => {
    expect(await store.getState().createQueue('  Night  ')).toBe(true);
    const night = services.downloads.queues().find((queue) => queue.name === 'Night');
    expect(store.getState().openQueueId).toBe(night?.id);
    expect(await store.getState().createQueue('Night')).toBe(false);
    expect(store.getState().queuesError).toBe('There is already a queue called "Night". Pick another name.');
  });

  it('reorders a queue through priorities the library keeps, showing the new order at once', async () => {
    const { queueId, ids } = await queueOfFour();
    const [a, b, c, d] = ids as [number, number, number, number];
    const saving = store.getState().reorderQueue(queueId, [d, a, c, b]);
    expect(queueItems(store.getState().downloads, queueId).map((item) => item.id)).toEqual([d, a, c, b]);
    expect(await saving).toBe(true);
    expect(libraryOrder(queueId)).toEqual([d, a, c, b]);
    await store.getState().loadDownloads();
    expect(queueItems(store.getState().downloads, queueId).map((item) => item.id)).toEqual([d, a, c, b]);
  });

  it('moves downloads to another queue, and back to the default one when their queue is deleted', async () => {
    const { queueId, ids } = await queueOfFour();
    expect(await store.getState().moveToQueue(ids.slice(0, 2), 1)).toBe(true);
    expect(services.downloads.list().filter((download) => download.queueId === 1)).toHaveLength(2);
    expect(await store.getState().deleteQueue(queueId)).toBe(true);
    expect(services.downloads.list().every((download) => download.queueId === 1)).toBe(true);
    expect(store.getState().queues.map((queue) => queue.id)).toEqual([1]);
    expect(store.getState().openQueueId).toBe(1);
  });

  it('saves settings, keeps a folder the picker did not give, and says why the default queue stays', async () => {
    await store.getState().loadQueues();
    expect(await store.getState().updateQueue(1, { concurrency: 2, schedule: { start: '22:00', stop: '06:00' } })).toBe(
      true,
    );
    expect(services.downloads.queues()[0]).toMatchObject({
      concurrency: 2,
      schedule: { start: '22:00', stop: '06:00' },
    });
    desktop.nextFolder = null;
    expect(await store.getState().pickQueueFolder(1)).toBe(true);
    expect(store.getState().queues[0]?.directory).toBeNull();
    desktop.nextFolder = '/renders';
    await store.getState().pickQueueFolder(1);
    expect(store.getState().queues[0]?.directory).toBe('/renders');
    expect(await store.getState().deleteQueue(1)).toBe(false);
    expect(store.getState().queuesError).toBe('The default queue cannot be removed.');
  });

  it('follows queues changed outside the window, and opens the default queue when the open one goes', async () => {
    connectStore(store, client);
    const created = services.library.createQueue({ name: 'From the CLI', concurrency: 1 });
    await expect.poll(() => store.getState().queues.map((queue) => queue.name)).toEqual(['Default', 'From the CLI']);
    store.getState().openQueue(created.id);
    services.library.deleteQueue(created.id);
    await expect.poll(() => store.getState().openQueueId).toBe(1);
  });
});
