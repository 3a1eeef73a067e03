import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResumeState } from '../../electron/engine/transfer-types';
import { bytes, type Harness, startHarness } from './engine-harness';

/**
 * A full disk without a small file system to fill: writes into `full.bin.part` fail as the kernel fails them on a
 * full disk. (A part linked to /dev/full did this before; Ferry no longer writes through links.)
 */
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const noSpace = async () => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  const open: typeof actual.open = async (path, ...rest) => {
    const handle = await actual.open(path, ...rest);
    if (String(path).endsWith('full.bin.part')) Object.assign(handle, { write: noSpace, writev: noSpace });
    return handle;
  };
  return { ...actual, open };
});

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('disk faults', () => {
  it('fails cleanly with disk_full on ENOSPC, keeping the part and the resume state', async () => {
    const file = bytes(100_000);
    h.server.route('/full.bin', { body: file, etag: '"f"' });
    await writeFile(join(h.folder.path, 'full.bin.part'), '');
    const state: ResumeState = {
      fileName: 'full.bin',
      size: file.length,
      etag: '"f"',
      ranges: [{ start: 0, end: file.length }],
    };
    const outcome = await h.start({ spec: { url: h.server.url('/full.bin') }, resume: state }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'disk_full' }, state: { fileName: 'full.bin' } });
    expect(await h.files()).toEqual(['full.bin.part']);
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(
      /disk is full.*Free some space, then retry it: what was downloaded is kept/,
    );
  });
});
