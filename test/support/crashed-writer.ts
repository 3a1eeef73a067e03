import { spawnSync } from 'node:child_process';

export interface Statement {
  sql: string;
  params?: (string | number)[];
}

/**
 * What a crash leaves: another process writes `statements` to the library (in WAL mode), deletes the journal
 * (`-wal`) when asked, and is SIGKILLed before it closes the library. Returns the signal that ended it.
 */
export function writeThenCrash(
  library: string,
  statements: Statement[],
  deleteJournal: boolean,
): NodeJS.Signals | null {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(${JSON.stringify(library)});
    db.exec('PRAGMA journal_mode = WAL');
    for (const { sql, params = [] } of ${JSON.stringify(statements)}) db.prepare(sql).run(...params);
    if (${deleteJournal}) require('node:fs').rmSync(${JSON.stringify(`${library}-wal`)});
    process.kill(process.pid, 'SIGKILL');`;
  return spawnSync(process.execPath, ['-e', script]).signal;
}

/** A crash after the journal was deleted: a library whose index still counts a commit the journal no longer holds. */
export function loseJournalInACrash(library: string): NodeJS.Signals | null {
  return writeThenCrash(library, [{ sql: "INSERT INTO queues (name, concurrency) VALUES ('Lost', 1)" }], true);
}
