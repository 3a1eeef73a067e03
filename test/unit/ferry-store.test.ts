import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FerryClient } from '../../renderer/ipc/client';
import { connectStore, createFerryStore } from '../../renderer/store/ferry-store';
import { freshBrowsing } from '../../renderer/store/library-view';
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

describe('the renderer store over the real router', () => {
  it('does no IPC until it is connected', async () => {
    let calls = 0;
    const counting: FerryClient = {
      ...client,
      call: (...args) => {
        calls += 1;
        return client.call(...args);
      },
    };
    createFerryStore(counting);
    expect(calls).toBe(0);
  });

  it('starts on Downloads and moves between sections', () => {
    expect(store.getState().section).toBe('downloads');
    store.getState().goTo('accounts');
    expect(store.getState().section).toBe('accounts');
  });

  it('loads settings and app info when connected', async () => {
    connectStore(store, client);
    await expect.poll(() => store.getState().settingsStatus).toBe('ready');
    expect(store.getState().settings).toEqual(services.settings.get());
    await expect.poll(() => store.getState().appInfo?.version).toBe('9.9.9');
  });

  it('saves an update through IPC and marks it saved', async () => {
    await store.getState().loadSettings();
    await store.getState().updateSettings({ theme: 'dark' });
    expect(store.getState()).toMatchObject({ settingsStatus: 'saved', settings: { theme: 'dark' } });
    expect(services.settings.get().theme).toBe('dark');
  });

  it('shows a change at once, before the main process has answered', async () => {
    await store.getState().loadSettings();
    const saving = store.getState().updateSettings({ notifyOnComplete: false });
    expect(store.getState()).toMatchObject({ settingsStatus: 'saving', settings: { notifyOnComplete: false } });
    await saving;
    expect(store.getState().settingsStatus).toBe('saved');
  });

  it('shows the main process refusal and keeps the last good settings', async () => {
    await store.getState().loadSettings();
    await store.getState().updateSettings({ connectionsPerDownload: 0 });
    expect(store.getState()).toMatchObject({
      settingsStatus: 'error',
      settingsError: expect.stringContaining('Use at least 1 connection per download.'),
      settings: { connectionsPerDownload: 4 },
    });
  });

  it('opens the log folder, and shows why when it cannot, as it shows a settings error', async () => {
    await store.getState().loadSettings();
    desktop.openPath = async () => 'No file manager';
    await store.getState().openLogFolder();
    expect(store.getState()).toMatchObject({
      settingsStatus: 'error',
      settingsError: expect.stringContaining('Ferry could not open its log folder: No file manager.'),
    });
    desktop.openPath = async (path) => {
      desktop.opened.push(path);
      return '';
    };
    await store.getState().openLogFolder();
    expect(store.getState()).toMatchObject({ settingsStatus: 'ready', settingsError: null });
    expect(desktop.opened).toEqual([services.logFolder.path]);
  });

  it('follows settings changed outside this window', async () => {
    const disconnect = connectStore(store, client);
    await expect.poll(() => store.getState().settingsStatus).toBe('ready');
    await services.settings.update({ notifyOnComplete: false });
    expect(store.getState().settings?.notifyOnComplete).toBe(false);
    disconnect();
    await services.settings.update({ notifyOnComplete: true });
    expect(store.getState().settings?.notifyOnComplete).toBe(false);
  });
});

describe('the library picker in the renderer store', () => {
  it('says why a library cannot be opened', async () => {
    await store.getState().browseAccount('no-such-account');
    expect(store.getState().browsing).toMatchObject({
      status: 'failed',
      error: 'That account no longer exists. Refresh the list and try again.',
    });
  });

  it('drops an answer for a picker that was closed while it loaded', async () => {
    const loading = store.getState().browseAccount('no-such-account');
    store.getState().closeBrowse();
    await loading;
    expect(store.getState().browsing).toBeNull();
  });
});

describe('adding from the library picker', () => {
  const good = ['http://127.0.0.1:9/brief.pdf', 'http://127.0.0.1:9/plan.txt'];
  const entries = [...good, 'not a link'].map((ref) => ({
    ref,
    name: ref.split('/').pop() ?? ref,
    type: 'file',
    formats: [],
    tags: [],
    detail: '',
    choices: [{ label: 'Download', ref }],
  }));

  function pickAll(accountId: string) {
    store.setState({
      browsing: {
        ...freshBrowsing(accountId),
        status: 'ready',
        entries,
        selection: { selected: { 0: true, 1: true, 2: true }, anchor: 0, focus: 2 },
      },
    });
  }

  it('queues every pick once, however quickly Add is pressed twice, and says which were refused', async () => {
    const account = services.accounts.create({
      provider: 'delos',
      label: 'Docs',
      baseUrl: 'https://delos.example',
      fields: { login: 'me', password: 'pw' },
    });
    try {
      pickAll(account.id);
      await Promise.all([store.getState().addPickedEntries(), store.getState().addPickedEntries()]);
      expect(services.downloads.list().map((download) => [download.ref, download.accountId])).toEqual(
        good.map((ref) => [ref, account.id]),
      );
      const browsing = store.getState().browsing;
      expect(browsing).toMatchObject({ adding: false, added: { 0: true, 1: true } });
      expect(browsing?.selection.selected).toEqual({ 2: true });
      expect(browsing?.result?.added).toBe(2);
      expect(browsing?.result?.failed).toEqual([{ name: 'not a link', reason: expect.stringContaining('not a link') }]);
    } finally {
      services.accounts.remove(account.id);
    }
  });
});
