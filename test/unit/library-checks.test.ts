import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalWasLost } from '../../electron/store/library-checks';
import { writeThenCrash } from '../support/crashed-writer';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let temp: TempDir;
let file: string;
beforeEach(async () => {
  temp = await makeTempDir();
  file = join(temp.path, 'ferry.db');
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x)');
  db.close();
});
afterEach(() => temp.remove());

/** A process that commits a row, maybe deletes the journal, and is killed before it closes the library. */
function commitThenKill(deleteJournal: boolean): void {
  expect(writeThenCrash(file, [{ sql: 'INSERT INTO t VALUES (1)' }], deleteJournal)).toBe('SIGKILL');
}

function rows(): number {
  const db = new DatabaseSync(file);
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

describe('journalWasLost', () => {
  it('is false for a library closed as usual', () => {
    expect(journalWasLost(file)).toBe(false);
  });

  it('is false after a crash that left the journal in place, whose changes SQLite recovers', () => {
    commitThenKill(false);
    expect(journalWasLost(file)).toBe(false);
    expect(rows()).toBe(1);
  });

  it('is true after a crash whose journal was deleted first, whose changes are gone', () => {
    commitThenKill(true);
    expect(journalWasLost(file)).toBe(true);
    expect(rows()).toBe(0);
  });

  it('is true when the journal was cut short rather than deleted', () => {
    commitThenKill(false);
    spawnSync('truncate', ['-s', '100', `${file}-wal`]);
    expect(journalWasLost(file)).toBe(true);
  });
});
