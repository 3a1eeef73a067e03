import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { durably, openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let profile: TempDir;
beforeEach(async () => {
  profile = await makeTempDir();
});
afterEach(() => profile.remove());

/** What another process reading the library sees. */
function statusElsewhere(id: number): string | undefined {
  const other = new DatabaseSync(`${profile.path}/ferry.db`, { readOnly: true });
  try {
    return (other.prepare('SELECT status FROM downloads WHERE id = ?').get(id) as { status: string } | undefined)
      ?.status;
  } finally {
    other.close();
  }
}

describe('the writes of one turn of the event loop', () => {
  it('share one transaction, which other processes see once the turn ends', async () => {
    const db = openDatabase(profile.path);
    const store = new DownloadStore(db);
    const { id } = store.add({ ref: 'https://a/1', directory: '/d' });
    store.transition([id], ['queued'], 'resolving');
    store.transition([id], ['resolving'], 'downloading');
    expect(db.isTransaction).toBe(true);
    expect(store.get(id)?.status).toBe('downloading');
    expect(statusElsewhere(id)).toBe('queued');
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.isTransaction).toBe(false);
    expect(statusElsewhere(id)).toBe('downloading');
    db.close();
  });

  it('are committed, not lost, when the library closes before the turn ends', () => {
    const db = openDatabase(profile.path);
    const store = new DownloadStore(db);
    const { id } = store.add({ ref: 'https://a/1', directory: '/d' });
    store.transition([id], ['queued'], 'paused');
    db.close();
    expect(statusElsewhere(id)).toBe('paused');
  });

  it('are committed before a durable write, which then runs in its own transaction', () => {
    const db = openDatabase(profile.path);
    const store = new DownloadStore(db);
    const { id } = store.add({ ref: 'https://a/1', directory: '/d' });
    store.transition([id], ['queued'], 'paused');
    durably(db, () => db.prepare("INSERT INTO queues (name, concurrency, speed_limit) VALUES ('Later', 0, 0)").run());
    expect(db.isTransaction).toBe(false);
    expect(statusElsewhere(id)).toBe('paused');
    db.close();
  });
});
