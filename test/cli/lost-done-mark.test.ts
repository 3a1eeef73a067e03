import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResumeState } from '../../electron/engine/transfer-types';
import { openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { FaultServer } from '../support/fault-server';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines } from './ferry-cli';

let server: FaultServer;
let profile: TempDir;
let downloads: string;

beforeEach(async () => {
  server = await FaultServer.start();
  profile = await makeTempDir('ferry-cli-finishing-');
  downloads = join(profile.path, 'downloads');
  await mkdir(downloads);
});
afterEach(async () => {
  await server.close();
  await profile.remove();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Leaves the library as a process killed between the rename and the done mark
 * does: the download in flight, its resume state naming the final file, no part.
 */
async function killedWhileFinishing(body: Buffer): Promise<{ id: number; path: string }> {
  const added = await ferry(['add', server.url('/model.bin'), '-o', downloads, '--json'], profile.path);
  const id = Number(jsonLines(added.stdout)[0]?.id);
  const path = join(downloads, 'model.bin');
  const db = openDatabase(profile.path);
  try {
    const store = new DownloadStore(db);
    store.transition([id], ['queued'], 'downloading');
    const state: ResumeState = {
      fileName: 'model.bin',
      size: body.length,
      etag: '"m"',
      ranges: [],
      finishing: { path, size: body.length, sha256: sha256(body) },
    };
    await store.resume.record(id, state, body.length);
  } finally {
    db.close();
  }
  return { id, path };
}

async function logText(): Promise<string> {
  return readFile(join(profile.path, 'logs', 'cli.log'), 'utf8');
}

describe('ferry run after a kill between the rename and the done mark', () => {
  it('marks the download done from its file, without a request and without a second copy', async () => {
    const body = Buffer.alloc(800_000, 3);
    server.route('/model.bin', { body, etag: '"m"' });
    const { id, path } = await killedWhileFinishing(body);
    await writeFile(path, body);

    const run = await ferry(['run', '--json'], profile.path);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toContainEqual(
      expect.objectContaining({ event: 'done', id, path, size: body.length, sha256: sha256(body) }),
    );
    expect(server.requests).toHaveLength(0);
    expect(await readdir(downloads)).toEqual(['model.bin']);
    const listed = jsonLines((await ferry(['ls', '--json'], profile.path)).stdout);
    expect(listed).toContainEqual(expect.objectContaining({ id, status: 'done', sha256: sha256(body) }));
    expect(await logText()).toContain('its done mark was lost, now restored');
  }, 30_000);

  it('downloads again, beside it, when the file at that path is not the one it finished, and says so', async () => {
    const body = Buffer.alloc(800_000, 4);
    const other = Buffer.alloc(800_000, 5);
    server.route('/model.bin', { body, etag: '"m"' });
    const { path } = await killedWhileFinishing(body);
    await writeFile(path, other);

    expect((await ferry(['run'], profile.path)).code).toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    expect((await readdir(downloads)).sort()).toEqual(['model (1).bin', 'model.bin']);
    expect((await readFile(join(downloads, 'model (1).bin'))).equals(body)).toBe(true);
    expect((await readFile(path)).equals(other)).toBe(true);
    expect(await logText()).toContain('that file is gone or was changed since, so it downloads again');
  }, 30_000);
});
