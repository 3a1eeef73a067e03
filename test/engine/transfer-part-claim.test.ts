import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResumeState } from '../../electron/engine/transfer-types';
import { bytes, type Harness, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('a new part', () => {
  it('is named in a checkpoint before it exists, and is not created until that checkpoint is kept', async () => {
    const file = bytes(100_000);
    h.server.route('/claimed.bin', { body: file, etag: '"c"' });
    const part = join(h.folder.path, 'claimed.bin.part');
    const seen: { state: ResumeState; partExisted: boolean }[] = [];
    let partWhileKeeping = true;
    const outcome = await h
      .start({
        spec: { url: h.server.url('/claimed.bin') },
        onCheckpoint: async (state) => {
          seen.push({ state, partExisted: existsSync(part) });
          if (!state.opening) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
          partWhileKeeping = existsSync(part);
        },
      })
      .transfer.run();
    expect(outcome).toMatchObject({ status: 'done', path: join(h.folder.path, 'claimed.bin') });
    expect(seen[0]).toEqual({
      state: {
        fileName: 'claimed.bin',
        size: file.length,
        etag: '"c"',
        ranges: [{ start: 0, end: file.length }],
        opening: true,
      },
      partExisted: false,
    });
    expect(partWhileKeeping).toBe(false);
  });
});

describe('a part left by a process killed before its first timed checkpoint', () => {
  it('is continued under its own name from that first checkpoint: no numbered copy, no part left', async () => {
    const file = bytes(200_000);
    h.server.route('/orphan.bin', { body: file, etag: '"o"' });
    await writeFile(join(h.folder.path, 'orphan.bin.part'), file.subarray(0, 5_000));
    const claimed: ResumeState = {
      fileName: 'orphan.bin',
      size: file.length,
      etag: '"o"',
      ranges: [{ start: 0, end: file.length }],
      opening: true,
    };

    const outcome = await h.start({ spec: { url: h.server.url('/orphan.bin') }, resume: claimed }).transfer.run();

    expect(outcome).toMatchObject({ status: 'done', path: join(h.folder.path, 'orphan.bin') });
    expect(await h.files()).toEqual(['orphan.bin']);
    expect((await h.read('orphan.bin')).equals(file)).toBe(true);
  });
});
