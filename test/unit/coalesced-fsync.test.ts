import * as fs from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir, type TempDir } from '../support/temp-dir';

vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return { ...real, open: vi.fn(real.open) };
});

const { fsyncCoalesced } = await import('../../electron/fs/coalesced-fsync');
const { syncFolder } = await import('../../electron/fs/move-no-clobber');
const opened = vi.mocked(fs.open);

let folder: TempDir;
beforeEach(async () => {
  folder = await makeTempDir();
  opened.mockClear();
});
afterEach(() => folder.remove());

describe.skipIf(process.platform === 'win32')('flushing a file or folder for callers who ask together', () => {
  it('lets callers who ask together share syncs: the one running, then one more for all who came meanwhile', async () => {
    const first = syncFolder(folder.path);
    const meanwhile = Array.from({ length: 15 }, () => syncFolder(folder.path));
    await Promise.all([first, ...meanwhile]);
    expect(opened).toHaveBeenCalledTimes(2);
  });

  it('starts a new sync for a caller who asks after the last one ended, whether folder or file', async () => {
    await syncFolder(folder.path);
    await syncFolder(folder.path);
    expect(opened).toHaveBeenCalledTimes(2);
    const file = `${folder.path}/ferry.db-wal`;
    await fs.writeFile(file, 'log');
    opened.mockClear();
    await Promise.all([fsyncCoalesced(file, 'r+'), fsyncCoalesced(file, 'r+')]);
    await fsyncCoalesced(file, 'r+');
    expect(opened).toHaveBeenCalledTimes(3);
  });

  it('tells every caller sharing a sync that it failed', async () => {
    const gone = `${folder.path}/missing`;
    const results = await Promise.allSettled([syncFolder(gone), syncFolder(gone), syncFolder(gone)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await expect(syncFolder(folder.path)).resolves.toBeUndefined();
  });
});
