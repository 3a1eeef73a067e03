import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectStore } from '../../renderer/store/ferry-store';
import { type StoreOverRouter, storeOverRouter } from '../support/store-over-router';

let fixture: StoreOverRouter;
let disconnect: (() => void) | null = null;

beforeEach(async () => {
  fixture = await storeOverRouter();
});
afterEach(async () => {
  disconnect?.();
  await fixture.close();
});

describe('links from outside the window, in the renderer store', () => {
  it('opens the Add dialog with what a launch asked before the window listened, and with later links as they come', async () => {
    const { services, store, client } = fixture;
    services.addRequests.deliver({ text: 'https://a.example/1.glb', problem: '"javascript:x" was refused.' });
    disconnect = connectStore(store, client);
    await vi.waitFor(() => expect(store.getState().addDialog.open).toBe(true));
    expect(store.getState().addDialog.text).toBe('https://a.example/1.glb');
    expect(store.getState().addError).toBe('"javascript:x" was refused.');
    services.addRequests.deliver({ text: 'echo3d:file/s1', problem: null });
    await vi.waitFor(() => expect(store.getState().addDialog.text).toBe('https://a.example/1.glb\necho3d:file/s1'));
    expect(services.downloads.list()).toEqual([]);
  });

  it('shows a clipboard offer until it is dismissed, or accepted into the Add dialog without queueing anything', async () => {
    const { services, store, client } = fixture;
    disconnect = connectStore(store, client);
    services.events.emit('app:clipboardOffer', { text: 'https://a.example/1.glb', count: 1 });
    expect(store.getState().clipboardOffer).toEqual({ text: 'https://a.example/1.glb', count: 1 });
    store.getState().dismissClipboardOffer();
    expect(store.getState().clipboardOffer).toBeNull();
    expect(store.getState().addDialog.open).toBe(false);
    services.events.emit('app:clipboardOffer', { text: 'https://a.example/2.glb', count: 1 });
    store.getState().acceptClipboardOffer();
    expect(store.getState().clipboardOffer).toBeNull();
    expect(store.getState().addDialog).toMatchObject({ open: true, text: 'https://a.example/2.glb' });
    expect(services.downloads.list()).toEqual([]);
  });
});
