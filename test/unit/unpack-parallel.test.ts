import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArchiveEntry, type EntryVisitor, UnpackError } from '../../electron/archives/archive-entry';
import { EntryWriter } from '../../electron/archives/entry-writer';
import { PARALLEL_ENTRIES, readZip } from '../../electron/archives/zip-reader';
import { writeCraftedZip } from '../support/archive-fixtures';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let temp: TempDir;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.remove());

describe('unpacking several entries at once', () => {
  it('reports the first failed ZIP entry only after every started one ends, and starts no more', async () => {
    const names = Array.from({ length: 30 }, (_, n) => `${n}.txt`);
    const zip = join(temp.path, 'pack.zip');
    writeCraftedZip(
      zip,
      names.map((name) => ({ name, data: Buffer.from(name) })),
    );
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const visit: EntryVisitor = async (entry, body) => {
      started.push(entry.path);
      most = Math.max(most, ++running);
      try {
        // As a real visit does, waiting on the disk; a small entry's bytes come whole, with no wait of their own.
        await sleep(5);
        expect(Buffer.isBuffer(body) ? body.toString() : await text(body ?? Readable.from([]))).toBe(entry.path);
        if (entry.path === '3.txt') throw new UnpackError('the first failure');
        await sleep(entry.path === '7.txt' ? 150 : 50);
        if (entry.path === '5.txt') throw new UnpackError('a later failure');
      } finally {
        running--;
      }
    };
    await expect(readZip(zip, visit, async () => undefined)).rejects.toThrow('the first failure');
    expect(running).toBe(0);
    expect(most).toBe(PARALLEL_ENTRIES);
    expect(started).toEqual(names.slice(0, PARALLEL_ENTRIES));
  });

  it('reports the first failed write only after the writes beside it are on disk', async () => {
    const writer = new EntryWriter();
    const entry = (path: string): ArchiveEntry => ({ path, kind: 'file', size: 200_000, mode: 0o644, modified: null });
    const body = () => Readable.from([Buffer.alloc(200_000, 1)]);
    // A folder where a file should go: its write fails while the others are still running.
    mkdirSync(join(temp.path, 'taken'));
    const writes = Array.from({ length: 30 }, (_, n) => (n === 10 ? 'taken' : `${n}.bin`));
    for (const name of writes) await writer.write(join(temp.path, name), entry(name), body()).catch(() => undefined);
    await expect(writer.finish()).rejects.toMatchObject({ code: 'EISDIR' });
    const written = writes.filter((name) => name !== 'taken' && existsSync(join(temp.path, name)));
    expect(written.length).toBeGreaterThanOrEqual(10);
    for (const name of written) expect(statSync(join(temp.path, name)).size).toBe(200_000);
  });
});
