import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireProfileLock, LOCK_FILE } from '../../electron/store/profile-lock';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let profile: TempDir;
let holder: ChildProcess | undefined;
beforeEach(async () => {
  profile = await makeTempDir();
});
afterEach(async () => {
  holder?.kill('SIGKILL');
  await profile.remove();
});

describe('the profile lock', () => {
  it('is taken, recorded with our pid, and released', async () => {
    const lock = acquireProfileLock(profile.path);
    expect(await readFile(join(profile.path, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    lock.release();
    acquireProfileLock(profile.path).release();
  });

  it('refuses a second holder while the first process lives, naming its pid', async () => {
    holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await writeFile(join(profile.path, LOCK_FILE), String(holder.pid));
    expect(() => acquireProfileLock(profile.path)).toThrow(
      `Another Ferry process (pid ${holder.pid}) is running downloads`,
    );
  });

  it('treats a fresh lock without a pid as someone else writing it, and an old one as stale', async () => {
    const file = join(profile.path, LOCK_FILE);
    await writeFile(file, '');
    expect(() => acquireProfileLock(profile.path)).toThrow('Another Ferry process is running downloads');
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    acquireProfileLock(profile.path).release();
  });

  it('takes over a lock left by a process that died', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    await writeFile(join(profile.path, LOCK_FILE), String(dead.pid));
    const lock = acquireProfileLock(profile.path);
    expect(await readFile(join(profile.path, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
