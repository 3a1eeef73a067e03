import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResumeState, TransferOutcome } from '../../electron/engine/transfer-types';
import { bytes, type Harness, rangeStart, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function doneHash(outcome: TransferOutcome): string | undefined {
  if (outcome.status !== 'done') throw new Error(`expected done, got ${outcome.status}`);
  return outcome.sha256;
}

/** Bytes on disk according to the latest checkpoint of a single-connection transfer. */
const checkpointedBytes = (checkpoints: ResumeState[]) => checkpoints.at(-1)?.ranges[0]?.start ?? 0;

describe('the sha256 of a finished download, hashed as it arrives', () => {
  it('comes with every single-connection download, without a hash in the spec', async () => {
    const file = bytes(700_000);
    h.server.route('/one.bin', { body: file });
    const outcome = await h.start({ spec: { url: h.server.url('/one.bin') }, connections: 1 }).transfer.run();
    expect(doneHash(outcome)).toBe(sha256(file));
  });

  it('is hashed from the stream: the file is never read back, even for a spec that expects a hash', async () => {
    const file = bytes(1_000_000);
    h.server.route('/streamed.bin', { body: file, bytesPerSecond: 1_000_000 });
    const started = h.start({ spec: { url: h.server.url('/streamed.bin'), sha256: sha256(file) }, connections: 1 });
    const run = started.transfer.run();
    await waitFor(() => checkpointedBytes(started.checkpoints) > 300_000);
    // Spoil bytes already written: a hash read back from disk would see the zeros, one from the stream never does.
    const part = await open(join(h.folder.path, 'streamed.bin.part'), 'r+');
    await part.write(Buffer.alloc(100_000), 0, 100_000, 0);
    await part.close();
    expect(doneHash(await run)).toBe(sha256(file));
    expect(sha256(await h.read('streamed.bin'))).not.toBe(sha256(file));
  });

  it('is right for a segmented download whose later segments arrive before the first', async () => {
    const file = bytes(2 * 1024 * 1024);
    h.server.route('/segmented.bin', (request) => ({
      body: file,
      etag: '"s"',
      // The first segment trickles in: every other one is on disk before the prefix reaches it.
      bytesPerSecond: rangeStart(request.headers.range) === 0 ? 1_000_000 : undefined,
    }));
    const outcome = await h.start({ spec: { url: h.server.url('/segmented.bin') }, connections: 4 }).transfer.run();
    expect(h.server.requestsFor('/segmented.bin').length).toBeGreaterThanOrEqual(4);
    expect(doneHash(outcome)).toBe(sha256(file));
    expect((await h.read('segmented.bin')).equals(file)).toBe(true);
  });

  it('is right when segments break off and are retried from where they stopped', async () => {
    const file = bytes(2 * 1024 * 1024);
    h.server.route('/flaky.bin', (request, index) => ({
      body: file,
      etag: '"f"',
      dropAfter: index > 0 && index < 4 && (rangeStart(request.headers.range) ?? 0) > 0 ? 150_000 : undefined,
    }));
    const outcome = await h.start({ spec: { url: h.server.url('/flaky.bin') }, connections: 4 }).transfer.run();
    expect(h.server.requestsFor('/flaky.bin').length).toBeGreaterThan(4);
    expect(doneHash(outcome)).toBe(sha256(file));
  });

  it('is right after a pause', async () => {
    const file = bytes(2 * 1024 * 1024);
    h.server.route('/paused.bin', { body: file, etag: '"p"', bytesPerSecond: 1_500_000 });
    const first = h.start({ spec: { url: h.server.url('/paused.bin') }, connections: 4 });
    const run = first.transfer.run();
    await waitFor(() => (first.progress.at(-1)?.received ?? 0) > 500_000);
    await first.transfer.pause();
    const paused = await run;
    if (paused.status !== 'paused' || !paused.state) throw new Error('expected paused with a state');
    const second = h.start({ spec: { url: h.server.url('/paused.bin') }, resume: paused.state, connections: 4 });
    expect(doneHash(await second.transfer.run())).toBe(sha256(file));
  });

  it('is right after a kill, resuming from the last checkpoint with no hash state kept', async () => {
    const file = bytes(1_500_000);
    h.server.route('/killed.bin', { body: file, etag: '"k"', bytesPerSecond: 1_000_000 });
    const doomed = h.start({ spec: { url: h.server.url('/killed.bin') }, connections: 1 });
    const run = doomed.transfer.run();
    await waitFor(() => checkpointedBytes(doomed.checkpoints) > 300_000);
    const lastCheckpoint = doomed.checkpoints.at(-1) as ResumeState;
    // A killed process records nothing more: the part may hold more bytes than its last checkpoint claims.
    await doomed.transfer.pause();
    await run;
    const survivor = h.start({ spec: { url: h.server.url('/killed.bin') }, resume: lastCheckpoint });
    expect(doneHash(await survivor.transfer.run())).toBe(sha256(file));
    expect(rangeStart(h.server.requests[1]?.headers.range)).toBe(lastCheckpoint.ranges[0]?.start);
  });
});

describe('finishing', () => {
  it('records where the file goes, its size and hash, just before the rename', async () => {
    const file = bytes(300_000);
    h.server.route('/taken.bin', { body: file, etag: '"t"', bytesPerSecond: 600_000 });
    const seen: { state: ResumeState; partThere: boolean; finalThere: boolean }[] = [];
    const partPath = join(h.folder.path, 'taken.bin.part');
    const run = h
      .start({
        spec: { url: h.server.url('/taken.bin') },
        onCheckpoint: (state) => {
          if (!state.finishing) return;
          seen.push({ state, partThere: existsSync(partPath), finalThere: existsSync(state.finishing.path) });
        },
      })
      .transfer.run();
    // Another program takes the name while the download runs: the record names the free one the file moves to.
    await waitFor(() => existsSync(partPath));
    await writeFile(join(h.folder.path, 'taken.bin'), 'someone else');
    const outcome = await run;
    const path = join(h.folder.path, 'taken (1).bin');
    expect(outcome).toMatchObject({ status: 'done', path });
    expect(seen).toEqual([
      {
        state: expect.objectContaining({ ranges: [], finishing: { path, size: file.length, sha256: sha256(file) } }),
        partThere: true,
        finalThere: false,
      },
    ]);
  });

  it('waits with the rename until the record of where the file goes is stored', async () => {
    h.server.route('/waits.bin', { body: bytes(50_000) });
    const stored = Promise.withResolvers<void>();
    let announced: string | null = null;
    const run = h
      .start({
        spec: { url: h.server.url('/waits.bin') },
        onCheckpoint: (state) => {
          if (!state.finishing) return undefined;
          announced = state.finishing.path;
          return stored.promise;
        },
      })
      .transfer.run();
    await waitFor(() => announced !== null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(announced ?? '')).toBe(false);
    stored.resolve();
    expect(await run).toMatchObject({ status: 'done', path: announced });
    expect(existsSync(announced ?? '')).toBe(true);
  });

  it('finishes a complete part an earlier run left before its rename, without a request', async () => {
    const file = bytes(400_000);
    h.server.route('/complete.bin', { body: file, etag: '"c"' });
    await writeFile(join(h.folder.path, 'complete.bin.part'), file);
    const path = join(h.folder.path, 'complete.bin');
    const resume: ResumeState = {
      fileName: 'complete.bin',
      size: file.length,
      etag: '"c"',
      ranges: [],
      finishing: { path, size: file.length, sha256: sha256(file) },
    };
    const outcome = await h.start({ spec: { url: h.server.url('/complete.bin') }, resume }).transfer.run();
    expect(outcome).toEqual({ status: 'done', path, size: file.length, sha256: sha256(file) });
    expect(h.server.requests).toHaveLength(0);
    expect(readFileSync(path).equals(file)).toBe(true);
    expect(await h.files()).toEqual(['complete.bin']);
  });
});
