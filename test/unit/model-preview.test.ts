import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/ipc/router';
import { openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { commitBatch } from '../../electron/store/write-batch';
import { type FilePreview, MAX_OBJ_PREVIEW_BYTES, MAX_PREVIEW_BYTES } from '../../shared/file-preview';
import { openTestApp, type TestApp } from '../support/test-app';
import { readGlb, tinyGltf } from '../support/tiny-gltf';
import { tinyMtl, tinyObj } from '../support/tiny-obj';
import { tinyPng } from '../support/tiny-png';

let app: TestApp;
let folder: string;
let router: Router;
let store: DownloadStore;
let db: DatabaseSync;

beforeEach(async () => {
  app = await openTestApp('');
  router = app.router;
  folder = join(app.profile.path, 'models');
  await mkdir(folder);
  db = openDatabase(app.profile.path);
  store = new DownloadStore(db);
});
afterEach(async () => {
  db.close();
  await app.close();
});

/** Writes files into the download folder (names may hold subfolders) and records the first as a finished download. */
async function finished(files: Record<string, string | Uint8Array>): Promise<number> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(folder, name, '..'), { recursive: true });
    await writeFile(join(folder, name), content);
  }
  const [name] = Object.keys(files) as [string];
  const download = store.add({ ref: `https://cdn.example.com/${name}`, directory: folder });
  store.finish(download.id, { path: join(folder, name), size: 1 }, 'done');
  commitBatch(db);
  return download.id;
}

async function preview(id: number) {
  return router.invoke('downloads:previewFile', { id });
}

/** The preview of a download that must succeed. */
async function previewed(id: number): Promise<FilePreview> {
  const result = await preview(id);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as FilePreview;
}

/** A .gltf whose first buffer points at `uri`. */
function gltfNaming(uri: string): string {
  const json = JSON.parse(tinyGltf().gltf);
  json.buffers[0].uri = uri;
  return JSON.stringify(json);
}

describe('previewing a .gltf', () => {
  it('packs the .gltf and the .bin beside it into one GLB the window can show', async () => {
    const { gltf, bin } = tinyGltf();
    const id = await finished({ 'triangle.gltf': gltf, 'triangle.bin': bin });
    const value = await previewed(id);
    expect(value.mime).toBe('model/gltf-binary');
    const packed = readGlb(value.bytes);
    expect(packed.json.buffers).toEqual([{ byteLength: bin.length }]);
    expect(packed.bin).toEqual(bin);
    expect(packed.json.meshes).toEqual(JSON.parse(gltf).meshes);
  });

  it('reads percent-encoded names, subfolders, data: URIs and textures, each on a 4-byte boundary', async () => {
    const { gltf, bin } = tinyGltf('parts/my triangle.bin');
    const json = JSON.parse(gltf);
    json.buffers.push({ uri: 'data:application/octet-stream;base64,AQID', byteLength: 3 });
    json.bufferViews.push({ buffer: 1, byteOffset: 1, byteLength: 2 });
    json.images = [{ uri: 'textures/wood.png' }];
    const png = new Uint8Array(tinyPng());
    const id = await finished({
      'scene.gltf': JSON.stringify(json),
      'parts/my triangle.bin': bin,
      'textures/wood.png': png,
    });
    const { json: packed, bin: chunk } = readGlb((await previewed(id)).bytes);
    const views = packed.bufferViews as { buffer: number; byteOffset: number; byteLength: number }[];
    expect(views.map((view) => view.buffer)).toEqual([0, 0, 0]);
    expect(chunk.subarray(views[1]?.byteOffset, (views[1]?.byteOffset ?? 0) + 2)).toEqual(Uint8Array.from([2, 3]));
    expect(packed.images).toEqual([{ bufferView: 2, mimeType: 'image/png' }]);
    expect((views[2]?.byteOffset ?? 1) % 4).toBe(0);
    expect(chunk.subarray(views[2]?.byteOffset, (views[2]?.byteOffset ?? 0) + png.length)).toEqual(png);
  });

  it('names the missing buffer or texture', async () => {
    const id = await finished({ 'triangle.gltf': tinyGltf('parts/x y.bin').gltf });
    expect(await preview(id)).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message: expect.stringContaining("Ferry can't preview triangle.gltf: missing buffer parts/x y.bin."),
      },
    });
    const { gltf, bin } = tinyGltf();
    const json = JSON.parse(gltf);
    json.images = [{ uri: 'wood.png' }];
    const textured = await finished({ 'textured.gltf': JSON.stringify(json), 'triangle.bin': bin });
    expect(await preview(textured)).toMatchObject({
      error: { message: expect.stringContaining('missing texture wood.png') },
    });
  });

  it('refuses absolute paths, .. escapes, URLs and links out of the folder, reading none of them', async () => {
    await writeFile(join(app.profile.path, 'secret.bin'), new Uint8Array(36));
    await symlink(join(app.profile.path, 'secret.bin'), join(folder, 'linked.bin'));
    const outside = [
      '../secret.bin',
      'parts/../../secret.bin',
      '..\\secret.bin',
      join(app.profile.path, 'secret.bin'),
      'C:\\secret.bin',
      'https://example.com/secret.bin',
      'file:///etc/passwd',
      '%2e%2e/secret.bin',
      'linked.bin',
    ];
    for (const [index, uri] of outside.entries()) {
      const id = await finished({ [`escape-${index}.gltf`]: gltfNaming(uri) });
      expect(await preview(id), uri).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringContaining("outside the model's folder") },
      });
    }
  });

  it('caps the .gltf and everything it names together, and says so', async () => {
    const { gltf } = tinyGltf();
    const id = await finished({ 'big.gltf': gltf, 'triangle.bin': new Uint8Array(36) });
    await truncate(join(folder, 'triangle.bin'), MAX_PREVIEW_BYTES - 10);
    expect(await preview(id)).toMatchObject({
      ok: false,
      error: {
        message: 'big.gltf with the files it uses is more than the 50 MiB Ferry previews. Open it in its own app.',
      },
    });
    await truncate(join(folder, 'triangle.bin'), MAX_PREVIEW_BYTES - 10 * 1024);
    expect(await preview(id)).toMatchObject({ ok: true });
  });

  it('says a .gltf that is not glTF JSON cannot be previewed', async () => {
    for (const [index, text] of ['{"asset":', '[1, 2]', 'null'].entries()) {
      const id = await finished({ [`broken-${index}.gltf`]: text });
      expect(await preview(id)).toMatchObject({
        error: { message: expect.stringContaining(`broken-${index}.gltf is not a valid glTF model`) },
      });
    }
  });
});

describe('previewing an .obj', () => {
  it('sends the .obj with its .mtl and the textures the .mtl names', async () => {
    const png = new Uint8Array(tinyPng());
    const id = await finished({ 'cube.obj': tinyObj(), 'cube.mtl': tinyMtl('maps/wood.png'), 'maps/wood.png': png });
    expect(await preview(id)).toEqual({
      ok: true,
      value: {
        mime: 'model/obj',
        bytes: new TextEncoder().encode(tinyObj()),
        resources: [
          { name: 'cube.mtl', bytes: new TextEncoder().encode(tinyMtl('maps/wood.png')) },
          { name: 'maps/wood.png', bytes: png },
        ],
      },
    });
  });

  it('sends an .obj alone when its .mtl or texture is missing: it shows without them', async () => {
    const alone = await finished({ 'cube.obj': tinyObj('gone.mtl') });
    expect(await preview(alone)).toMatchObject({ ok: true, value: { mime: 'model/obj', resources: [] } });
    const untextured = await finished({ 'box.obj': tinyObj('box.mtl'), 'box.mtl': tinyMtl('gone.png') });
    expect(await preview(untextured)).toMatchObject({ ok: true, value: { resources: [{ name: 'box.mtl' }] } });
  });

  it('refuses a material library or texture outside its folder', async () => {
    const library = await finished({ 'cube.obj': tinyObj('../secret.mtl') });
    expect(await preview(library)).toMatchObject({
      error: { message: expect.stringContaining('refers to "../secret.mtl", outside') },
    });
    const texture = await finished({ 'box.obj': tinyObj('box.mtl'), 'box.mtl': tinyMtl('/etc/passwd') });
    expect(await preview(texture)).toMatchObject({ error: { message: expect.stringContaining('"/etc/passwd"') } });
  });

  it('stops at the OBJ cap and refuses a binary file named .obj', async () => {
    const big = await finished({ 'huge.obj': tinyObj() });
    await truncate(join(folder, 'huge.obj'), MAX_OBJ_PREVIEW_BYTES + 1);
    expect(await preview(big)).toMatchObject({
      error: { message: expect.stringMatching(/^huge\.obj is 10 MiB, more than the 10 MiB Ferry previews/) },
    });
    const binary = await finished({ 'binary.obj': Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]) });
    expect(await preview(binary)).toMatchObject({
      error: { message: expect.stringContaining('binary.obj is not a valid OBJ model') },
    });
  });

  it('says a model that is gone was moved or deleted', async () => {
    const id = await finished({ 'cube.obj': tinyObj() });
    await rm(join(folder, 'cube.obj'));
    expect(await preview(id)).toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining('cube.obj is no longer there') },
    });
  });
});
