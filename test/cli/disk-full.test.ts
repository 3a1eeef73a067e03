import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventHub } from '../../electron/ipc/event-hub';
import { openSettingsStore } from '../../electron/settings/settings-store';
import { defaultSettings } from '../../shared/settings';
import { captureLogger } from '../support/capture-logger';
import { FaultServer } from '../support/fault-server';
import { mountSmallDisk, smallDiskSkipReason } from '../support/small-disk';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines, startFerry } from './ferry-cli';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn(`disk-full tests skipped: ${smallDiskSkipReason}`);

let server: FaultServer;
let profile: TempDir;
let unmount: (() => void)[];

beforeEach(async () => {
  server = await FaultServer.start();
  profile = await makeTempDir('ferry-cli-disk-full-');
  unmount = [];
});
afterEach(async () => {
  for (const undo of unmount.reverse()) undo();
  await server.close();
  await profile.remove();
});

function smallDisk(name: string, bytes: number): string {
  const path = join(profile.path, name);
  const undo = mountSmallDisk(path, bytes);
  if (undo) unmount.push(undo);
  return path;
}

describe.skipIf(!isRoot)('a download that fills the disk', () => {
  it('fails saying the disk is full and where, keeps its part, and goes on from it once there is space', async () => {
    const downloads = smallDisk('downloads', 4 * 1024 * 1024);
    const filler = join(downloads, 'filler');
    writeFileSync(filler, Buffer.alloc(3 * 1024 * 1024));
    const body = randomBytes(2_500_000);
    server.route('/big.bin', { body, etag: '"b"' });

    const failed = await ferry(['get', server.url('/big.bin'), '-o', downloads, '--json'], profile.path);
    expect(failed.code).toBe(1);
    const error = (jsonLines(failed.stdout).at(-1) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('disk_full');
    expect(error.message.toLowerCase()).toContain('the disk is full');
    expect(error.message).toContain(downloads);
    expect(existsSync(join(downloads, 'big.bin.part'))).toBe(true);

    rmSync(filler);
    expect((await ferry(['retry', '1'], profile.path)).code).toBe(0);
    const rerun = await ferry(['run'], profile.path);
    expect(rerun.code).toBe(0);
    expect(readdirSync(downloads)).toEqual(['big.bin']);
    expect(readFileSync(join(downloads, 'big.bin')).equals(body)).toBe(true);
    expect(server.requestsFor('/big.bin').at(-1)?.headers.range).toMatch(/^bytes=[1-9]/);
  }, 30_000);
});

/** Fills the disk holding `folder` to its last byte; resolves to the filler, to delete for space. */
function fillUp(folder: string): string {
  const filler = join(folder, 'filler');
  writeFileSync(filler, '');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeFileSync(filler, chunk, { flag: 'a' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
    try {
      for (;;) writeFileSync(filler, Buffer.alloc(size), { flag: 'a' });
    } catch {
      // Smaller pieces take what is left.
    }
  }
  return filler;
}

function integrity(file: string): string {
  const db = new DatabaseSync(file);
  try {
    return String((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check);
  } finally {
    db.close();
  }
}

describe.skipIf(!isRoot)('a profile on a full disk', () => {
  it('refuses to add with a message saying the disk is full, and the library and settings stay whole', async () => {
    const home = smallDisk('profile', 1024 * 1024);
    const settings = JSON.stringify({ speedLimit: 12345 });
    writeFileSync(join(home, 'settings.json'), settings);
    const downloads = join(profile.path, 'downloads');
    expect((await ferry(['add', server.url('/a.bin'), '-o', downloads], home)).code).toBe(0);
    const filler = fillUp(home);

    const refused = await ferry(['add', server.url('/b.bin'), server.url('/c.bin'), '-o', downloads], home);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`Ferry could not open its library ${join(home, 'ferry.db')}: the disk is full.`);
    expect(refused.stderr).toContain('Free some space, then try again.');
    expect(refused.stderr).not.toMatch(/SQLITE|disk I\/O error|^\s+at /m);

    rmSync(filler);
    expect(integrity(join(home, 'ferry.db'))).toBe('ok');
    expect(readFileSync(join(home, 'settings.json'), 'utf8')).toBe(settings);
    const listed = jsonLines((await ferry(['ls', '--json'], home)).stdout);
    expect(listed.map((row) => row.ref)).toEqual([server.url('/a.bin')]);
  }, 30_000);

  it('refuses to save settings on a full disk, saying so, and keeps the saved settings whole', async () => {
    const home = smallDisk('settings', 1024 * 1024);
    const logger = captureLogger();
    const open = () =>
      openSettingsStore({ profileDir: home, defaults: defaultSettings(home), events: createEventHub(logger), logger });
    const store = await open();
    await store.update({ speedLimit: 111_000 });
    const filler = fillUp(home);

    await expect(store.update({ speedLimit: 222_000 })).rejects.toThrow(
      `Ferry could not save your settings to ${join(home, 'settings.json')} (the disk is full).`,
    );
    expect(JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8'))).toMatchObject({ speedLimit: 111_000 });
    expect(readdirSync(home).sort()).toEqual(['filler', 'settings.json']);

    rmSync(filler);
    expect((await store.update({ speedLimit: 333_000 })).speedLimit).toBe(333_000);
    expect((await open()).get().speedLimit).toBe(333_000);
  });

  it('says so when the disk fills under a running download, and the next run ends with the one right file', async () => {
    const home = smallDisk('profile', 1024 * 1024);
    const downloads = join(profile.path, 'downloads');
    const body = randomBytes(1_500_000);
    server.route('/slow.bin', { body, bytesPerSecond: 400_000, etag: '"s"' });
    expect((await ferry(['add', server.url('/slow.bin'), '-o', downloads], home)).code).toBe(0);
    const run = startFerry(['run'], home);
    while (!existsSync(join(downloads, 'slow.bin.part'))) await new Promise((resolve) => setTimeout(resolve, 50));
    const filler = fillUp(home);
    const first = await run.result;
    expect(first.stderr).toContain(
      `Ferry could not save its latest changes to the library ${join(home, 'ferry.db')}: the disk is full. The rest of the library is whole`,
    );
    expect(first.stderr).toContain('Free some space, then try again.');
    expect(first.stderr).not.toMatch(/SQLITE|disk I\/O error|^\s+at /m);

    rmSync(filler);
    expect(integrity(join(home, 'ferry.db'))).toBe('ok');
    expect((await ferry(['run'], home)).code).toBe(0);
    expect(readdirSync(downloads)).toEqual(['slow.bin']);
    expect(readFileSync(join(downloads, 'slow.bin')).equals(body)).toBe(true);
    expect(jsonLines((await ferry(['ls', '--json'], home)).stdout)).toEqual([
      expect.objectContaining({ status: 'done' }),
    ]);
  }, 30_000);
});
