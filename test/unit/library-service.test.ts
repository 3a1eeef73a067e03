import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/ipc/router';
import { openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { commitBatch } from '../../electron/store/write-batch';
import type { Download } from '../../shared/downloads';
import { DEFAULT_QUEUE_ID, type Queue } from '../../shared/queues';
import { makeTempDir } from '../support/temp-dir';
import { openTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let profile: TestApp['profile'];
let router: Router;
let store: DownloadStore;
let db: DatabaseSync;
let desktop: TestApp['desktop'];

beforeEach(async () => {
  app = await openTestApp('');
  ({ profile, router, desktop } = app);
  // A second connection, as another process (ferry add) would have.
  db = openDatabase(profile.path);
  store = new DownloadStore(db);
});
afterEach(async () => {
  db.close();
  await app.close();
});

/** A finished download saved into `directory`, as the library records one. */
async function finishedIn(directory: string, name: string): Promise<number> {
  await mkdir(directory, { recursive: true });
  const download = store.add({ ref: `https://cdn.example.com/${name}`, directory });
  store.finish(download.id, { path: join(directory, name), size: name.length, sha256: 'ab' }, 'done');
  await writeFile(join(directory, name), name);
  commitBatch(db);
  return download.id;
}

async function finished(name: string): Promise<number> {
  const download = store.add({ ref: `https://cdn.example.com/${name}`, directory: profile.path });
  const path = join(profile.path, name);
  await writeFile(path, name);
  store.finish(download.id, { path, size: name.length, sha256: 'ab' }, 'done');
  // The other process's writes of this turn, committed as its turn ends.
  commitBatch(db);
  return download.id;
}

describe('history', () => {
  it('finds finished downloads by name, newest first, and treats % and _ literally', async () => {
    await finished('castle_v1.glb');
    await finished('castle_v2.glb');
    await finished('forest.png');
    store.add({ ref: 'https://cdn.example.com/castle-queued.glb', directory: profile.path });
    const found = await router.invoke('history:search', { query: 'castle_' });
    expect(found.ok && (found.value as Download[]).map((download) => download.name)).toEqual([
      'castle_v2.glb',
      'castle_v1.glb',
    ]);
    const none = await router.invoke('history:search', { query: '100%' });
    expect(none.ok && none.value).toEqual([]);
  });

  it('removes downloads, deleting their files only when asked', async () => {
    const keep = await finished('keep.bin');
    const drop = await finished('drop.bin');
    expect(await router.invoke('downloads:remove', { ids: [keep], deleteFiles: false })).toEqual({
      ok: true,
      value: { removed: 1 },
    });
    expect(await router.invoke('downloads:remove', { ids: [drop], deleteFiles: true })).toEqual({
      ok: true,
      value: { removed: 1 },
    });
    expect(store.list()).toEqual([]);
    expect((await readdir(profile.path)).filter((name) => name.endsWith('.bin'))).toEqual(['keep.bin']);
  });

  it('deletes what a provider left half-fetched (its staging folder, a part) when the download is canceled or removed', async () => {
    const canceled = store.add({ ref: 'cid:bafkqaaa', directory: profile.path });
    const removed = store.add({ ref: 'cid:bafkqaab', directory: profile.path });
    for (const id of [canceled.id, removed.id]) {
      await mkdir(join(profile.path, `.ferry-fetch-${id}`, 'try-1'), { recursive: true });
      await writeFile(join(profile.path, `.ferry-fetch-${id}`, 'try-1', 'half.bin'), 'half');
    }
    expect(await router.invoke('downloads:control', { action: 'cancel', ids: [canceled.id] })).toMatchObject({
      ok: true,
    });
    expect(await router.invoke('downloads:remove', { ids: [removed.id], deleteFiles: false })).toMatchObject({
      ok: true,
    });
    expect((await readdir(profile.path)).filter((name) => name.startsWith('.ferry-fetch-'))).toEqual([]);
  });

  it('opens and shows a finished file by id, never by a path from the window', async () => {
    const id = await finished('model.glb');
    expect(await router.invoke('downloads:open', { id })).toEqual({ ok: true, value: undefined });
    expect(await router.invoke('downloads:showInFolder', { id })).toEqual({ ok: true, value: undefined });
    expect(desktop.opened).toEqual([join(profile.path, 'model.glb')]);
    expect(desktop.shown).toEqual([join(profile.path, 'model.glb')]);
    expect(await router.invoke('downloads:open', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('starts a drag of a finished file, or of the folder it was unpacked into, by id', async () => {
    const id = await finished('castle.glb');
    const archive = store.add({ ref: 'https://cdn.example.com/forest.zip', directory: profile.path });
    await writeFile(join(profile.path, 'forest.zip'), 'zip');
    await mkdir(join(profile.path, 'forest'));
    store.finish(archive.id, { path: join(profile.path, 'forest.zip'), size: 3 }, 'unpacking');
    store.unpacked(archive.id, join(profile.path, 'forest'));
    commitBatch(db);
    expect(await router.invoke('downloads:startDrag', { id })).toEqual({ ok: true, value: undefined });
    expect(await router.invoke('downloads:startDrag', { id: archive.id })).toEqual({ ok: true, value: undefined });
    expect(desktop.dragged).toEqual([join(profile.path, 'castle.glb'), join(profile.path, 'forest')]);
  });

  it('refuses to drag a download that has not finished, or whose file is gone', async () => {
    const queued = store.add({ ref: 'https://cdn.example.com/queued.glb', directory: profile.path });
    const moved = await finished('moved.glb');
    await rm(join(profile.path, 'moved.glb'));
    commitBatch(db);
    expect(await router.invoke('downloads:startDrag', { id: queued.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('has not finished yet') },
    });
    expect(await router.invoke('downloads:startDrag', { id: moved })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('is no longer there') },
    });
    expect(await router.invoke('downloads:startDrag', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(desktop.dragged).toEqual([]);
  });

  it('drags files from a queue folder or a folder picked for an add, which the person chose', async () => {
    const queueFolder = await makeTempDir();
    const addFolder = await makeTempDir();
    try {
      store.updateQueue(DEFAULT_QUEUE_ID, { directory: queueFolder.path });
      await app.services.settings.rememberAddFolder(addFolder.path);
      const inQueueFolder = await finishedIn(queueFolder.path, 'queued.glb');
      const inAddFolder = await finishedIn(join(addFolder.path, 'castle'), 'added.glb');
      expect(await router.invoke('downloads:startDrag', { id: inQueueFolder })).toEqual({ ok: true, value: undefined });
      expect(await router.invoke('downloads:startDrag', { id: inAddFolder })).toEqual({ ok: true, value: undefined });
      expect(desktop.dragged).toEqual([
        join(queueFolder.path, 'queued.glb'),
        join(addFolder.path, 'castle', 'added.glb'),
      ]);
    } finally {
      await queueFolder.remove();
      await addFolder.remove();
    }
  });

  it('refuses to drag a file saved outside every folder the person chose', async () => {
    const elsewhere = await makeTempDir();
    try {
      const id = await finishedIn(elsewhere.path, 'stray.glb');
      expect(await router.invoke('downloads:startDrag', { id })).toMatchObject({
        ok: false,
        error: {
          code: 'outside_folders',
          message: `Ferry will not drag out stray.glb: it was saved to ${elsewhere.path}, which is not your download folder or a folder you chose for a queue or an add. Use Show in folder to find it.`,
        },
      });
      expect(desktop.dragged).toEqual([]);
    } finally {
      await elsewhere.remove();
    }
  });

  it('refuses to drag a finished file that was swapped for a link to a file elsewhere', async () => {
    const elsewhere = await makeTempDir();
    try {
      const id = await finished('swapped.glb');
      await writeFile(join(elsewhere.path, 'secret.txt'), 'secret');
      await rm(join(profile.path, 'swapped.glb'));
      await symlink(join(elsewhere.path, 'secret.txt'), join(profile.path, 'swapped.glb'));
      expect(await router.invoke('downloads:startDrag', { id })).toMatchObject({
        ok: false,
        error: { code: 'outside_folders', message: expect.stringContaining('now leads outside') },
      });
      expect(desktop.dragged).toEqual([]);
    } finally {
      await elsewhere.remove();
    }
  });

  it('refuses to open, show or preview a finished file that was swapped for a link to a file elsewhere', async () => {
    const elsewhere = await makeTempDir();
    try {
      const id = await finished('swapped.png');
      await writeFile(join(elsewhere.path, 'secret.png'), 'secret');
      await rm(join(profile.path, 'swapped.png'));
      await symlink(join(elsewhere.path, 'secret.png'), join(profile.path, 'swapped.png'));
      for (const channel of ['downloads:open', 'downloads:showInFolder', 'downloads:previewFile'] as const) {
        expect(await router.invoke(channel, { id })).toMatchObject({
          ok: false,
          error: { code: 'outside_folders', message: expect.stringContaining('now leads outside') },
        });
      }
      expect([...desktop.opened, ...desktop.shown]).toEqual([]);
    } finally {
      await elsewhere.remove();
    }
  });

  it('opens and shows a finished file through a link that stays inside its folder', async () => {
    const id = await finished('linked.glb');
    await writeFile(join(profile.path, 'real.glb'), 'real');
    await rm(join(profile.path, 'linked.glb'));
    await symlink(join(profile.path, 'real.glb'), join(profile.path, 'linked.glb'));
    expect(await router.invoke('downloads:open', { id })).toEqual({ ok: true, value: undefined });
    expect(await router.invoke('downloads:showInFolder', { id })).toEqual({ ok: true, value: undefined });
    expect(desktop.opened).toEqual([join(profile.path, 'linked.glb')]);
    expect(desktop.shown).toEqual([join(profile.path, 'linked.glb')]);
  });

  it('explains a file that was moved away outside Ferry', async () => {
    const id = await finished('moved.glb');
    await rm(join(profile.path, 'moved.glb'));
    const result = await router.invoke('downloads:open', { id });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('is no longer there') },
    });
  });
});

describe('queues', () => {
  it('creates, updates and removes queues, moving the removed queue’s downloads to the default one', async () => {
    const created = await router.invoke('queues:create', {
      name: 'Night',
      concurrency: 2,
      schedule: { start: '22:00', stop: '06:00' },
    });
    expect(created).toMatchObject({
      ok: true,
      value: { name: 'Night', concurrency: 2, schedule: { start: '22:00', stop: '06:00' } },
    });
    const queueId = created.ok ? (created.value as Queue).id : 0;
    const updated = await router.invoke('queues:update', { id: queueId, patch: { concurrency: 5, paused: true } });
    expect(updated).toMatchObject({ ok: true, value: { concurrency: 5, paused: true } });

    const download = store.add({ ref: 'https://cdn.example.com/a.bin', directory: profile.path, queueId });
    expect(await router.invoke('queues:delete', { id: queueId })).toEqual({ ok: true, value: undefined });
    expect(store.get(download.id)?.queueId).toBe(1);
    expect(store.queues().map((queue) => queue.name)).toEqual(['Default']);
  });

  it('refuses a duplicate name, a bad schedule time, and removing the default queue', async () => {
    expect(await router.invoke('queues:create', { name: 'Default', concurrency: 1 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      await router.invoke('queues:create', {
        name: 'Late',
        concurrency: 1,
        schedule: { start: '25:00', stop: '06:00' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringContaining('24-hour time') },
    });
    expect(await router.invoke('queues:delete', { id: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('moves downloads between queues and reorders them by priority', async () => {
    const night = store.addQueue({ name: 'Night', concurrency: 1 });
    const first = store.add({ ref: 'https://cdn.example.com/1', directory: profile.path });
    const second = store.add({ ref: 'https://cdn.example.com/2', directory: profile.path });
    expect(await router.invoke('downloads:prioritize', { ids: [second.id], priority: 10 })).toMatchObject({ ok: true });
    expect(store.queued().map((download) => download.id)).toEqual([second.id, first.id]);
    expect(await router.invoke('downloads:move', { ids: [first.id], queueId: night.id })).toMatchObject({ ok: true });
    expect(store.get(first.id)?.queueId).toBe(night.id);
    expect(await router.invoke('downloads:move', { ids: [first.id], queueId: 404 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
