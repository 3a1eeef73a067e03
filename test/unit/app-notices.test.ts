import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStore } from '../../renderer/store/ferry-store';
import { loseJournalInACrash } from '../support/crashed-writer';
import { type StoreOverRouter, storeOverRouter } from '../support/store-over-router';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { openTestApp, type TestApp } from '../support/test-app';

let profile: TempDir;
let app: TestApp | null = null;

beforeEach(async () => {
  profile = await makeTempDir();
});
afterEach(async () => {
  await app?.close();
  app = null;
  await profile.remove();
});

async function addLink(path: string): Promise<void> {
  const added = await app?.router.invoke('downloads:add', { refs: [`http://127.0.0.1:9/${path}`] });
  expect(added?.ok).toBe(true);
}

describe('library warnings for the window', () => {
  it('keeps a warning raised at start for the window, hands it over once, then sends later ones as events', async () => {
    await (await openTestApp('dl', profile)).close();
    const library = join(profile.path, 'ferry.db');
    expect(loseJournalInACrash(library)).toBe('SIGKILL');

    app = await openTestApp('dl', profile);
    expect(app.logger.lines.some((line) => line.includes('lost its most recent changes'))).toBe(true);
    const taken = await app.router.invoke('app:takeNotices', undefined);
    expect(taken).toEqual({
      ok: true,
      value: [{ id: 1, level: 'warning', message: expect.stringContaining(`its journal file (${library}-wal)`) }],
    });
    expect(await app.router.invoke('app:takeNotices', undefined)).toEqual({ ok: true, value: [] });

    await addLink('first.bin');
    rmSync(`${library}-wal`);
    // The journal is looked at once a second at most.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await addLink('second.bin');
    const notices = app.events.filter((event) => event.event === 'app:notice');
    expect(notices).toEqual([
      {
        event: 'app:notice',
        payload: { id: 2, level: 'warning', message: expect.stringContaining('started a new journal') },
      },
    ]);
    expect(await app.router.invoke('app:takeNotices', undefined)).toEqual({ ok: true, value: [] });
  });

  it('holds warnings again while the window reloads, and none when nothing went wrong', async () => {
    app = await openTestApp('dl', profile);
    expect(await app.router.invoke('app:takeNotices', undefined)).toEqual({ ok: true, value: [] });
    app.services.notices.inbox.windowGone();
    app.services.notices.warn('The library needs a look.');
    expect(app.events.filter((event) => event.event === 'app:notice')).toEqual([]);
    expect(await app.router.invoke('app:takeNotices', undefined)).toEqual({
      ok: true,
      value: [{ id: 1, level: 'warning', message: 'The library needs a look.' }],
    });
  });
});

describe('library warnings in the renderer store', () => {
  let fixture: StoreOverRouter;
  beforeEach(async () => {
    fixture = await storeOverRouter();
  });
  afterEach(() => fixture.close());

  it('shows warnings raised before the window listened and after, until each is dismissed', async () => {
    const { services, store, client } = fixture;
    services.notices.warn('Raised at start.');
    const disconnect = connectStore(store, client);
    await expect.poll(() => store.getState().notices.map((notice) => notice.message)).toEqual(['Raised at start.']);
    services.notices.warn('Raised while running.');
    expect(store.getState().notices.map((notice) => notice.message)).toEqual([
      'Raised at start.',
      'Raised while running.',
    ]);
    store.getState().dismissNotice(store.getState().notices[0]?.id ?? 0);
    expect(store.getState().notices.map((notice) => notice.message)).toEqual(['Raised while running.']);
    disconnect();
  });
});
