import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../../shared/errors';

export const LOCK_FILE = 'engine.lock';

/** A lock file with no pid in it is someone's write in progress, unless it is older than this. */
const UNREADABLE_GRACE_MS = 10_000;

export interface ProfileLock {
  release(): void;
}

/**
 * Only one process may run the engine on a profile. The lock file holds the
 * holder's pid and is put in place whole (written aside, then linked), so a
 * reader never sees it half written. A lock whose process is gone (killed,
 * crashed) is taken over.
 */
export function acquireProfileLock(profileDir: string): ProfileLock {
  const file = join(profileDir, LOCK_FILE);
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (tryLink(mine, file)) return { release: () => releaseIfOurs(file) };
      const holder = readHolder(file);
      if (holder === 'unreadable' || (holder !== null && isAlive(holder))) throw busy(profileDir, holder);
      if (takeOver(mine, file)) return { release: () => releaseIfOurs(file) };
    }
    throw new FerryError(
      'storage',
      `Ferry could not take the lock ${file}. Remove it if no Ferry is running, then try again.`,
    );
  } finally {
    rmSync(mine, { force: true });
  }
}

function tryLink(mine: string, file: string): boolean {
  try {
    linkSync(mine, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Replaces a dead holder's lock in one step, then checks no other process replaced it at the same moment. */
function takeOver(mine: string, file: string): boolean {
  const copy = `${mine}.takeover`;
  linkSync(mine, copy);
  renameSync(copy, file);
  return readHolder(file) === process.pid;
}

function readHolder(file: string): number | null | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  const pid = Number(text);
  if (Number.isInteger(pid) && pid > 0) return pid;
  const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return Date.now() - modified < UNREADABLE_GRACE_MS ? 'unreadable' : null;
}

/** Our own pid in an old lock means the pid was reused after a restart: that lock is stale. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(profileDir: string, holder: number | 'unreadable'): FerryError {
  const who = holder === 'unreadable' ? 'Another Ferry process' : `Another Ferry process (pid ${holder})`;
  return new FerryError(
    'storage',
    `${who} is running downloads on this profile (${profileDir}). Wait for it to finish or stop it, then try again.`,
  );
}

function releaseIfOurs(file: string): void {
  if (readHolder(file) === process.pid) rmSync(file, { force: true });
}
