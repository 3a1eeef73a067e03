import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeThenCrash } from '../support/crashed-writer';
import { FaultServer } from '../support/fault-server';
import { makeReadOnly } from '../support/read-only-path';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines, startFerry } from './ferry-cli';

let server: FaultServer;
let profile: TempDir;
let downloads: string;
let undo: (() => void) | null;

beforeEach(async () => {
  server = await FaultServer.start();
  profile = await makeTempDir('ferry-cli-library-');
  downloads = join(profile.path, 'downloads');
  undo = null;
});
afterEach(async () => {
  undo?.();
  await server.close();
  await profile.remove();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const library = () => join(profile.path, 'ferry.db');

function expectPlainWords(stderr: string): void {
  expect(stderr).not.toMatch(/SQLITE|unable to open database|readonly database|disk I\/O error/i);
  expect(stderr).not.toMatch(/^\s+at /m);
}

function integrity(): string {
  const db = new DatabaseSync(library());
  try {
    return String((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check);
  } finally {
    db.close();
  }
}

describe('a library Ferry cannot write', () => {
  it('names a read-only profile folder and what to do', async () => {
    undo = makeReadOnly(profile.path, true);
    const result = await ferry(['add', server.url('/a.bin'), '-o', downloads], profile.path);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`Ferry cannot write its library in ${profile.path}: the folder is read-only.`);
    expect(result.stderr).toContain('Choose another profile with --profile or FERRY_HOME, or make it writable.');
    expectPlainWords(result.stderr);
  });

  it('names a read-only library file and what to do', async () => {
    expect((await ferry(['ls'], profile.path)).code).toBe(0);
    undo = makeReadOnly(library(), false);
    const result = await ferry(['add', server.url('/a.bin'), '-o', downloads], profile.path);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`Ferry cannot write its library ${library()}: the file is read-only`);
    expect(result.stderr).toContain('--profile or FERRY_HOME');
    expectPlainWords(result.stderr);
  });

  it('names a folder standing where the library file should be', async () => {
    mkdirSync(library());
    const result = await ferry(['ls'], profile.path);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `Ferry cannot open its library ${library()}: a folder stands where the file should be.`,
    );
    expectPlainWords(result.stderr);
  });
});

describe('the journal deleted under a running ferry', () => {
  it('says so, starts a new journal and loses nothing committed', async () => {
    const body = Buffer.alloc(1_000_000, 9);
    server.route('/slow.bin', { body, bytesPerSecond: 300_000 });
    await ferry(['add', server.url('/slow.bin'), '-o', downloads], profile.path);
    const run = startFerry(['run', '--json'], profile.path);
    await waitFor(() => existsSync(join(downloads, 'slow.bin.part')) && existsSync(`${library()}-wal`));
    rmSync(`${library()}-wal`);
    const result = await run.result;

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`The library's journal (${library()}-wal) was deleted while Ferry was running.`);
    expect(result.stderr).toContain('nothing was lost');
    expect(jsonLines((await ferry(['ls', '--json'], profile.path)).stdout)).toEqual([
      expect.objectContaining({ status: 'done', sha256: sha256(body) }),
    ]);
    expect(integrity()).toBe('ok');
  }, 30_000);

  it('keeps what it commits afterwards, even when the process is killed next', async () => {
    const body = Buffer.alloc(1_500_000, 8);
    server.route('/slow.bin', { body, bytesPerSecond: 200_000 });
    await ferry(['add', server.url('/slow.bin'), '-o', downloads], profile.path);
    const run = startFerry(['run'], profile.path);
    let stderr = '';
    run.stderr?.on('data', (data) => {
      stderr += data;
    });
    await waitFor(() => existsSync(join(downloads, 'slow.bin.part')) && existsSync(`${library()}-wal`));
    rmSync(`${library()}-wal`);
    await waitFor(() => stderr.includes('started a new journal'));
    run.kill('SIGKILL');
    await run.result;

    const listed = await ferry(['ls'], profile.path);
    expect(listed.stderr).not.toContain('lost its most recent changes');
    expect(integrity()).toBe('ok');
    expect((await ferry(['run'], profile.path)).code).toBe(0);
    expect(readFileSync(join(downloads, 'slow.bin')).equals(body)).toBe(true);
  }, 30_000);
});

/**
 * What a process killed just after its journal was deleted leaves: the
 * library file without the download's done mark, an index that still counts
 * the lost changes, and the finished file in its folder.
 */
function finishThenLoseJournal(id: number, path: string, body: Buffer): void {
  const done = {
    sql: "UPDATE downloads SET status = 'done', path = ?, size = ?, received = ?, sha256 = ? WHERE id = ?",
    params: [path, body.length, body.length, sha256(body), id],
  };
  expect(writeThenCrash(library(), [done], true)).toBe('SIGKILL');
  writeFileSync(path, body);
}

describe('the journal deleted before a crash', () => {
  it('says the library lost its latest changes and takes the file already there instead of a second copy', async () => {
    const body = Buffer.alloc(700_000, 6);
    server.route('/model.bin', { body, etag: '"m"' });
    mkdirSync(downloads);
    const added = await ferry(['add', server.url('/model.bin'), '-o', downloads, '--json'], profile.path);
    const id = Number(jsonLines(added.stdout)[0]?.id);
    const path = join(downloads, 'model.bin');
    finishThenLoseJournal(id, path, body);

    const run = await ferry(['run', '--json'], profile.path);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`its journal file (${library()}-wal) was deleted before Ferry last stopped`);
    expect(run.stderr).toContain('lost its most recent changes');
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ event: 'done', id, path, sha256: sha256(body) });
    expect(readdirSync(downloads)).toEqual(['model.bin']);
    expect(readFileSync(path).equals(body)).toBe(true);
    expect(integrity()).toBe('ok');
  }, 30_000);

  it('still keeps two files when two downloads in the library ask for the same link', async () => {
    const body = Buffer.alloc(300_000, 2);
    server.route('/model.bin', { body });
    expect((await ferry(['get', server.url('/model.bin'), '-o', downloads], profile.path)).code).toBe(0);
    expect((await ferry(['get', server.url('/model.bin'), '-o', downloads], profile.path)).code).toBe(0);
    expect(readdirSync(downloads).sort()).toEqual(['model (1).bin', 'model.bin']);
  }, 30_000);
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a library busy in another process', () => {
  it('says so in words and what to do, not in SQLite text', async () => {
    expect((await ferry(['ls'], profile.path)).code).toBe(0);
    const holder = new DatabaseSync(library());
    holder.exec('PRAGMA journal_mode = WAL');
    holder.exec('BEGIN IMMEDIATE');
    try {
      const result = await ferry(['add', server.url('/a.bin'), '-o', downloads], profile.path);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`Ferry could not use its library ${library()}: another process kept it busy.`);
      expect(result.stderr).toContain('Wait for the other Ferry to finish, then try again.');
      expectPlainWords(result.stderr);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 30_000);
});
