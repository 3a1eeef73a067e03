import { rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/ipc/router';
import { openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { commitBatch } from '../../electron/store/write-batch';
import { MAX_PREVIEW_BYTES } from '../../shared/file-preview';
import { openTestApp, type TestApp } from '../support/test-app';
import { tinyGlb } from '../support/tiny-glb';

let app: TestApp;
let profile: TestApp['profile'];
let router: Router;
let store: DownloadStore;
let db: DatabaseSync;

beforeEach(async () => {
  app = await openTestApp('');
  ({ profile, router } = app);
  db = openDatabase(profile.path);
  store = new DownloadStore(db);
});
afterEach(async () => {
  db.close();
  await app.close();
});

const pngHead = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A finished download whose file holds `bytes`, recorded as another process (ferry get) would. */
async function finished(name: string, bytes: Uint8Array, options: { unpackedTo?: string } = {}): Promise<number> {
  const download = store.add({ ref: `https://cdn.example.com/${name}`, directory: profile.path });
  const path = join(profile.path, name);
  await writeFile(path, bytes);
  if (options.unpackedTo) {
    store.finish(download.id, { path, size: bytes.length }, 'unpacking');
    store.unpacked(download.id, options.unpackedTo);
  } else {
    store.finish(download.id, { path, size: bytes.length }, 'done');
  }
  commitBatch(db);
  return download.id;
}

function preview(payload: unknown) {
  return router.invoke('downloads:previewFile', payload);
}

describe('downloads:previewFile', () => {
  it('hands back the bytes and type of a finished image and a finished GLB model', async () => {
    const image = await finished('texture.png', pngHead);
    const model = await finished('triangle.glb', tinyGlb());
    const imageResult = await preview({ id: image });
    expect(imageResult).toEqual({ ok: true, value: { mime: 'image/png', bytes: pngHead } });
    expect(imageResult.ok && Object.getPrototypeOf(imageResult.value)).not.toBe(Buffer.prototype);
    expect(await preview({ id: model })).toEqual({ ok: true, value: { mime: 'model/gltf-binary', bytes: tinyGlb() } });
  });

  it('reads by id only: a path from the window is refused before anything is read', async () => {
    await finished('texture.png', pngHead);
    for (const payload of [{ path: '/etc/passwd' }, { id: 1, path: '/etc/passwd' }, { id: '1' }]) {
      expect(await preview(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
  });

  it('says a download that has not finished has nothing to preview', async () => {
    const queued = store.add({ ref: 'https://cdn.example.com/later.png', directory: profile.path });
    commitBatch(db);
    expect(await preview({ id: queued.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('has not finished yet') },
    });
    expect(await preview({ id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('explains a file that was moved away outside Ferry', async () => {
    const id = await finished('moved.png', pngHead);
    await rm(join(profile.path, 'moved.png'));
    expect(await preview({ id })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('moved.png is no longer there') },
    });
  });

  it('stops at the size cap with a message that says how big the file is and what to do', async () => {
    const id = await finished('huge.png', pngHead);
    await truncate(join(profile.path, 'huge.png'), MAX_PREVIEW_BYTES + 5 * 1024 * 1024);
    expect(await preview({ id })).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(
          /huge\.png is 55 MiB, more than the 50 MiB Ferry previews\. Open it in its own app/,
        ),
      },
    });
    await truncate(join(profile.path, 'huge.png'), MAX_PREVIEW_BYTES);
    expect(await preview({ id })).toMatchObject({ ok: true, value: { mime: 'image/png' } });
  });

  it('refuses files it cannot show: another kind, bytes that are not what the name says, an unpacked archive', async () => {
    const pdf = await finished('brief.pdf', Buffer.from('%PDF-1.7'));
    const fake = await finished('fake.glb', Buffer.alloc(100, 1));
    const unpacked = await finished('pack.zip', Buffer.from('PK'), { unpackedTo: join(profile.path, 'pack') });
    expect(await preview({ id: pdf })).toMatchObject({ error: { message: expect.stringContaining('no preview') } });
    expect(await preview({ id: fake })).toMatchObject({
      error: { message: expect.stringContaining('fake.glb is not a valid GLB model') },
    });
    expect(await preview({ id: unpacked })).toMatchObject({ error: { message: expect.stringContaining('unpacked') } });
  });
});
