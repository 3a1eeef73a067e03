import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../../shared/errors';

export const LOCK_FILE = 'engine.lock';

export interface ProfileLock {
  release(): void;
}

/**
 * Only one process may run the engine on a profile. The lock file holds the
 * holder's pid; a lock whose process is gone (killed, crashed) is taken over.
 */
export function acquireProfileLock(profileDir: string): ProfileLock {
  const file = join(profileDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { release: () => releaseIfOurs(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder !== null && isAlive(holder)) {
      throw new FerryError(
        'storage',
        `Another Ferry process (pid ${holder}) is running downloads on this profile (${profileDir}). Wait for it to finish or stop it, then try again.`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new FerryError(
    'storage',
    `Ferry could not take the lock ${file}. Remove it if no Ferry is running, then try again.`,
  );
}

function readHolder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOurs(file: string): void {
  if (readHolder(file) === process.pid) rmSync(file, { force: true });
}
