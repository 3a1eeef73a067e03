import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fsyncCoalesced } from '../../electron/fs/coalesced-fsync';
import { DATABASE_FILE, durably, openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { migrations } from '../../electron/store/migrations';
import { IllegalTransitionError } from '../../shared/download-status';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { withLibrary } from '../support/with-library';

vi.mock('../../electron/fs/coalesced-fsync', async (original) => {
  const real = await original<typeof import('../../electron/fs/coalesced-fsync')>();
  return { fsyncCoalesced: vi.fn(real.fsyncCoalesced) };
});

describe('the library database', () => {
  let profile: TempDir;
  beforeEach(async () => {
    profile = await makeTempDir();
  });
  afterEach(() => profile.remove());

  it('creates the schema in an empty profile, with a default queue, in WAL mode', () => {
    const db = openDatabase(profile.path);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(new DownloadStore(db).queues()).toEqual([
      { id: 1, name: 'Default', concurrency: 0, speedLimit: 0, paused: false, schedule: null, directory: null },
    ]);
    db.close();
  });

  it('flushes to the disk only the writes a power loss must not undo', () => {
    const db = openDatabase(profile.path);
    const synchronous = () => (db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
    const [NORMAL, FULL] = [1, 2];
    expect(synchronous()).toBe(NORMAL);
    expect(durably(db, synchronous)).toBe(FULL);
    expect(synchronous()).toBe(NORMAL);
    expect(() =>
      durably(db, () => {
        db.prepare("INSERT INTO queues (name, concurrency, speed_limit) VALUES ('Undone', 0, 0)").run();
        throw new Error('refused halfway');
      }),
    ).toThrow('refused halfway');
    expect(new DownloadStore(db).queues().map((queue) => queue.name)).toEqual(['Default']);
    expect(synchronous()).toBe(NORMAL);
    db.close();
  });

  it('reopens an up-to-date library without touching its data', () => {
    const first = openDatabase(profile.path);
    new DownloadStore(first).add({ ref: 'https://example.com/a', directory: '/downloads' });
    first.close();
    const again = openDatabase(profile.path);
    expect(new DownloadStore(again).list()).toHaveLength(1);
    again.close();
  });

  it('upgrades a library from the first schema, keeping its downloads', () => {
    const old = new DatabaseSync(join(profile.path, DATABASE_FILE));
    old.exec(migrations[0] as string);
    old.exec('PRAGMA user_version = 1');
    old
      .prepare(
        `INSERT INTO downloads (ref, status, directory, created_at, queue_id) VALUES ('https://a/x.bin', 'queued', '/d', 1, 1)`,
      )
      .run();
    old.close();
    const db = openDatabase(profile.path);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
    expect(db.prepare('SELECT ref, provider FROM downloads').all()).toEqual([
      { ref: 'https://a/x.bin', provider: 'http' },
    ]);
    expect(new DownloadStore(db).queues()[0]?.schedule).toBeNull();
    db.close();
  });

  it('refuses a library from a newer Ferry and leaves it unchanged', async () => {
    const file = join(profile.path, DATABASE_FILE);
    const newer = new DatabaseSync(file);
    newer.exec(`CREATE TABLE future (x); PRAGMA user_version = ${migrations.length + 5}`);
    newer.close();
    const before = await readFile(file);
    expect(() => openDatabase(profile.path)).toThrow(
      /written by a newer version of Ferry.*Update Ferry; the file was not changed/,
    );
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database and leaves it unchanged', async () => {
    const file = join(profile.path, DATABASE_FILE);
    await writeFile(file, 'this is not sqlite, it is a shopping list');
    expect(() => openDatabase(profile.path)).toThrow(/could not open its library .* It was not changed/);
    expect(await readFile(file, 'utf8')).toBe('this is not sqlite, it is a shopping list');
  });
});

describe('DownloadStore', () => {
  const library = withLibrary();
  let store: DownloadStore;
  beforeEach(() => {
    store = library.store;
  });

  it('queues downloads by priority, then age', () => {
    const low = store.add({ ref: 'https://a/1', directory: '/d' });
    const high = store.add({ ref: 'https://a/2', directory: '/d', priority: 5 });
    const later = store.add({ ref: 'https://a/3', directory: '/d' });
    expect(store.queued().map((download) => download.id)).toEqual([high.id, low.id, later.id]);
  });

  it('brings interrupted downloads back as queued, keeping their resume state', () => {
    const download = store.add({ ref: 'https://a/1', directory: '/d' });
    store.transition([download.id], ['queued'], 'downloading');
    store.resume.record(
      download.id,
      { fileName: 'x.bin', size: 100, etag: '"e"', ranges: [{ start: 40, end: 100 }] },
      40,
    );
    expect(store.requeueInterrupted()).toBe(1);
    expect(store.get(download.id)).toMatchObject({ status: 'queued', received: 40, name: 'x.bin', size: 100 });
    expect(store.resume.of(download.id)?.ranges).toEqual([{ start: 40, end: 100 }]);
  });

  it('flushes the log to the disk for the checkpoints that name a file about to take its final name, and only those', async () => {
    const first = store.add({ ref: 'https://a/1', directory: '/d' });
    const second = store.add({ ref: 'https://a/2', directory: '/d' });
    store.transition([first.id, second.id], ['queued'], 'downloading');
    const flushed = vi.mocked(fsyncCoalesced);
    flushed.mockClear();
    const state = { fileName: 'x.bin', size: 100, ranges: [{ start: 40, end: 100 }] };
    expect(store.resume.record(first.id, state, 40)).toBeUndefined();
    expect(flushed).not.toHaveBeenCalled();
    const finishing = (path: string) => ({
      ...state,
      ranges: [],
      finishing: { path, size: 100, sha256: 'a'.repeat(64) },
    });
    await Promise.all([
      store.resume.record(first.id, finishing('/d/x.bin'), 100),
      store.resume.record(second.id, finishing('/d/y.bin'), 100),
    ]);
    expect(flushed.mock.calls).toEqual([
      [`${library.db.location()}-wal`, 'r+'],
      [`${library.db.location()}-wal`, 'r+'],
    ]);
    expect(store.resume.of(first.id)?.finishing?.path).toBe('/d/x.bin');
    expect(store.resume.of(second.id)?.finishing?.path).toBe('/d/y.bin');
  });

  it('commits at once, without a flush, the checkpoint that names a part about to be created', async () => {
    const download = store.add({ ref: 'https://a/1', directory: '/d' });
    store.transition([download.id], ['queued'], 'downloading');
    const flushed = vi.mocked(fsyncCoalesced);
    flushed.mockClear();
    const opening = { fileName: 'x.bin', size: 100, ranges: [{ start: 0, end: 100 }], opening: true as const };
    await store.resume.record(download.id, opening, 0);
    expect(flushed).not.toHaveBeenCalled();
    // Another process (a restart after a kill) already reads it.
    const other = openDatabase(library.profile.path);
    try {
      expect(new DownloadStore(other).resume.of(download.id)?.fileName).toBe('x.bin');
    } finally {
      other.close();
    }
  });

  it('leaves downloads that were unpacking to be unpacked again, not downloaded again', () => {
    const download = store.add({ ref: 'https://a/pack.zip', directory: '/d', unpack: true });
    store.finish(download.id, { path: '/d/pack.zip', size: 10 }, 'unpacking');
    expect(store.requeueInterrupted()).toBe(0);
    expect(store.unpacking().map((row) => row.id)).toEqual([download.id]);
    store.unpacked(download.id, '/d/pack');
    expect(store.get(download.id)).toMatchObject({ status: 'done', unpack: true, unpackedTo: '/d/pack' });
  });

  it('retries a download that would not unpack by unpacking again, and only that kind of failure', () => {
    const unpackFailed = store.add({ ref: 'https://a/pack.zip', directory: '/d', unpack: true });
    const httpFailed = store.add({ ref: 'https://a/gone.zip', directory: '/d' });
    store.finish(unpackFailed.id, { path: '/d/pack.zip', size: 10 }, 'unpacking');
    store.fail(unpackFailed.id, { code: 'unpack', message: 'Downloaded, but not unpacked: damaged.' });
    store.fail(httpFailed.id, { code: 'http_4xx', message: 'Gone.' });
    expect(store.retryUnpacking('all')).toBe(1);
    expect(store.get(unpackFailed.id)).toMatchObject({ status: 'unpacking', error: null });
    expect(store.get(httpFailed.id)?.status).toBe('failed');
  });

  it('records where unpacking is about to put its result, and forgets it when unpacking fails', () => {
    const placed = store.add({ ref: 'https://a/pack.zip', directory: '/d', unpack: true });
    const failed = store.add({ ref: 'https://a/other.zip', directory: '/d', unpack: true });
    const waiting = store.add({ ref: 'https://a/late.zip', directory: '/d', unpack: true });
    for (const { id } of [placed, failed]) store.finish(id, { path: `/d/${id}.zip`, size: 10 }, 'unpacking');
    store.placing(placed.id, '/d/pack');
    store.placing(failed.id, '/d/other');
    store.placing(waiting.id, '/d/late');
    expect(store.get(placed.id)).toMatchObject({ status: 'unpacking', unpackedTo: '/d/pack' });
    expect(store.get(waiting.id)?.unpackedTo).toBeNull();
    expect(store.claims('/d/pack')).toBe(true);
    store.fail(failed.id, { code: 'unpack', message: 'Downloaded, but not unpacked: damaged.' });
    expect(store.get(failed.id)).toMatchObject({ status: 'failed', unpackedTo: null });
    expect(store.claims('/d/other')).toBe(false);
  });

  it('can bring interrupted downloads back paused instead', () => {
    const download = store.add({ ref: 'https://a/1', directory: '/d' });
    store.transition([download.id], ['queued'], 'downloading');
    store.requeueInterrupted('paused');
    expect(store.get(download.id)?.status).toBe('paused');
  });

  it('keeps queue settings and schedules', () => {
    const night = store.addQueue({ name: 'Night', concurrency: 2 });
    store.updateQueue(night.id, { schedule: { start: '22:00', stop: '06:00' }, speedLimit: 1000 });
    expect(store.queues().find((queue) => queue.id === night.id)).toMatchObject({
      schedule: { start: '22:00', stop: '06:00' },
      speedLimit: 1000,
      concurrency: 2,
    });
  });

  it('changes status only from the allowed ones', () => {
    const done = store.add({ ref: 'https://a/1', directory: '/d' });
    const queued = store.add({ ref: 'https://a/2', directory: '/d' });
    store.finish(done.id, { path: '/d/1', size: 1, sha256: 'ab' }, 'done');
    expect(store.transition('all', ['queued', 'downloading'], 'paused')).toBe(1);
    expect(store.get(done.id)?.status).toBe('done');
    expect(store.get(queued.id)?.status).toBe('paused');
  });

  it('keeps what history needs of a finished download', () => {
    const download = store.add({ ref: 'https://a/model.glb', directory: '/d' });
    store.finish(download.id, { path: '/d/model.glb', size: 1234, sha256: 'f'.repeat(64) }, 'done');
    expect(store.get(download.id)).toMatchObject({
      status: 'done',
      name: 'model.glb',
      path: '/d/model.glb',
      size: 1234,
      received: 1234,
      sha256: 'f'.repeat(64),
      finishedAt: expect.any(Number),
    });
  });

  it('records which provider fetches each download', () => {
    const [echo3d, http] = store.addMany([
      { ref: 'echo3d:file/abc', provider: 'echo3d', directory: '/d' },
      { ref: 'https://a/1', directory: '/d' },
    ]);
    expect(store.get(echo3d?.id ?? 0)?.provider).toBe('echo3d');
    expect(store.get(http?.id ?? 0)?.provider).toBe('http');
  });

  it('refuses a status change the state machine forbids, writing nothing', () => {
    const download = store.add({ ref: 'https://a/1', directory: '/d' });
    store.finish(download.id, { path: '/d/1', size: 1 }, 'done');
    expect(() => store.transition([download.id], ['done'], 'queued')).toThrow(IllegalTransitionError);
    expect(store.get(download.id)?.status).toBe('done');
  });

  it('never lets a failure override a pause a person asked for', () => {
    const download = store.add({ ref: 'https://a/1', directory: '/d' });
    store.transition([download.id], ['queued'], 'paused');
    expect(store.fail(download.id, { code: 'network', message: 'Gone.' })).toBe(false);
    expect(store.get(download.id)).toMatchObject({ status: 'paused', error: null });
  });

  it('reads error codes written by earlier versions as the codes of today', () => {
    const download = store.add({ ref: 'echo3d:file/abc', directory: '/d' });
    library.db
      .prepare(`UPDATE downloads SET status = 'failed', error_code = 'echo3d', error_message = 'Refused.' WHERE id = ?`)
      .run(download.id);
    expect(store.get(download.id)?.error).toEqual({ code: 'provider', message: 'Refused.' });
  });

  it('never writes a resume state back into a download canceled meanwhile', () => {
    const download = store.add({ ref: 'https://a/1', directory: '/d' });
    store.transition([download.id], ['queued'], 'canceled');
    store.resume.record(download.id, { fileName: 'x.bin', size: 100, ranges: [{ start: 40, end: 100 }] }, 40);
    expect(store.resume.of(download.id)).toBeUndefined();
    expect(store.get(download.id)?.received).toBe(0);
  });
});
