import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStore } from '../../renderer/store/ferry-store';
import { type StoreOverRouter, storeOverRouter } from '../support/store-over-router';
import { download } from './download-fixture';

let fixture: StoreOverRouter;

beforeEach(async () => {
  fixture = await storeOverRouter();
});

afterEach(() => fixture.close());

describe('app:reveal in the window', () => {
  it('opens Downloads with the download selected, clearing a filter that hid it', async () => {
    const { store, client, services } = fixture;
    connectStore(store, client);
    store.getState().receiveDownloads([download({ id: 7, status: 'failed', name: 'lamp.glb' })]);
    store.getState().setView({ status: 'done', search: 'castle' });
    store.getState().goTo('settings');
    services.events.emit('app:reveal', { kind: 'download', id: 7 });
    await expect.poll(() => store.getState().section).toBe('downloads');
    expect(store.getState().selection).toEqual({ selected: { 7: true }, anchor: 7, focus: 7 });
    expect(store.getState().view).toMatchObject({ status: 'all', search: '' });
  });

  it('takes, once it listens, what was asked to be revealed before: the latest only', async () => {
    const { store, client, services } = fixture;
    services.reveals.deliver({ kind: 'account', id: 'acc-1' });
    services.reveals.deliver({ kind: 'settings' });
    expect(store.getState().section).toBe('downloads');
    connectStore(store, client);
    await expect.poll(() => store.getState().section).toBe('settings');
    expect(await client.call('app:takeReveal')).toBeNull();
  });

  it('keeps a filter that already shows the download', () => {
    const { store } = fixture;
    store.getState().receiveDownloads([download({ id: 3, status: 'done' })]);
    store.getState().setView({ status: 'done' });
    store.getState().reveal({ kind: 'download', id: 3 });
    expect(store.getState().view.status).toBe('done');
  });

  it('opens the queue, or Accounts, for their notices', () => {
    const { store } = fixture;
    store.getState().reveal({ kind: 'queue', id: 4 });
    expect(store.getState()).toMatchObject({ section: 'queues', openQueueId: 4 });
    store.getState().reveal({ kind: 'account', id: 'acc-1' });
    expect(store.getState()).toMatchObject({ section: 'accounts', revealedAccount: { id: 'acc-1' } });
    store.getState().goTo('downloads');
    expect(store.getState().revealedAccount).toBeNull();
    store.getState().reveal({ kind: 'settings' });
    expect(store.getState().section).toBe('settings');
  });
});
