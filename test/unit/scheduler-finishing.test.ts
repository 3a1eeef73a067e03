import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { link, mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../electron/downloads/scheduler';
import type { SchedulerEvent } from '../../electron/downloads/scheduler-events';
import { Engine } from '../../electron/engine/engine';
import type { ResumeState } from '../../electron/engine/transfer-types';
import type { Provider } from '../../electron/providers/provider';
import { createProviderRegistry } from '../../electron/providers/registry';
import type { DownloadStore } from '../../electron/store/download-store';
import { captureLogger } from '../support/capture-logger';
import { FaultServer } from '../support/fault-server';
import { schedulerFor } from '../support/scheduler-harness';
import { withLibrary } from '../support/with-library';

const library = withLibrary('ferry-finishing-');
let server: FaultServer;
let store: DownloadStore;
let engine: Engine;
let folder: string;

beforeEach(async () => {
  server = await FaultServer.start();
  store = library.store;
  engine = new Engine();
  folder = join(library.profile.path, 'downloads');
  await mkdir(folder);
});
afterEach(async () => {
  await engine.close();
  await server.close();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Direct links, counting how often the platform is asked: a download found finished must not even resolve. */
function countingProvider() {
  const provider: Provider & { resolves: number } = {
    id: 'http',
    resolves: 0,
    recognizes: (ref) => ref.startsWith('http://'),
    refProblem: () => null,
    resolve: async (ref) => {
      provider.resolves++;
      return { url: ref };
    },
  };
  return provider;
}

async function runAll(provider: Provider = countingProvider()) {
  const events: SchedulerEvent[] = [];
  const logger = captureLogger();
  await new Scheduler({
    store,
    engine,
    providers: createProviderRegistry([provider]),
    logger,
    maxParallel: 2,
    pollIntervalMs: 3_600_000,
    onEvent: (event) => events.push(event),
  }).runUntilIdle();
  return { events, logs: logger.lines };
}

/**
 * A library row as a crash leaves it between the rename and the done mark:
 * in flight, its resume state naming the final file, requeued on the next start.
 */
async function crashedWhileFinishing(body: Buffer, extra: Partial<ResumeState> = {}) {
  const download = store.add({ ref: server.url('/model.bin'), directory: folder });
  const path = join(folder, 'model.bin');
  store.transition([download.id], ['queued'], 'downloading');
  const state: ResumeState = {
    fileName: 'model.bin',
    size: body.length,
    etag: '"m"',
    ranges: [],
    finishing: { path, size: body.length, sha256: sha256(body) },
    ...extra,
  };
  await store.resume.record(download.id, state, body.length);
  store.requeueInterrupted();
  return { id: download.id, path };
}

async function untilReceived(id: number, bytes: number): Promise<void> {
  while ((store.get(id)?.received ?? 0) < bytes) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the hash of a finished download', () => {
  it('is the one hashed as the bytes arrived: the runner does not read the file again', async () => {
    const body = Buffer.alloc(1_000_000, 9);
    server.route('/model.bin', { body, etag: '"m"', bytesPerSecond: 400_000 });
    const download = store.add({ ref: server.url('/model.bin'), directory: folder, connections: 1 });
    const events: SchedulerEvent[] = [];
    const running = schedulerFor({ store, engine }, countingProvider(), (event) => events.push(event)).runUntilIdle();
    await untilReceived(download.id, 200_000);
    // Spoil bytes already written and checkpointed: a hash read back from disk would see the zeros.
    const part = await open(join(folder, 'model.bin.part'), 'r+');
    await part.write(Buffer.alloc(100_000), 0, 100_000, 0);
    await part.close();
    await running;
    expect(store.get(download.id)).toMatchObject({ status: 'done', sha256: sha256(body) });
    expect(events.find((event) => event.event === 'done')).toMatchObject({ sha256: sha256(body) });
  });
});

describe('the done mark', () => {
  it('is written only once the complete file is at its final path, after the rename was recorded', async () => {
    const small = Buffer.alloc(200_000, 1);
    const big = Buffer.alloc(3_000_000, 2);
    server.route('/small.bin', { body: small, etag: '"s"' });
    server.route('/big.bin', { body: big, etag: '"b"' });
    const bodies = new Map([
      [store.add({ ref: server.url('/small.bin'), directory: folder }).id, small],
      [store.add({ ref: server.url('/big.bin'), directory: folder, connections: 4 }).id, big],
    ]);
    const finish = store.finish.bind(store);
    const seen: Record<string, unknown>[] = [];
    vi.spyOn(store, 'finish').mockImplementation((id, result, status) => {
      seen.push({
        complete: readFileSync(result.path).equals(bodies.get(id) as Buffer),
        partGone: !existsSync(`${result.path}.part`),
        recorded: store.resume.of(id)?.finishing,
        hash: result.sha256,
      });
      return finish(id, result, status);
    });
    await runAll();
    expect(seen).toHaveLength(2);
    for (const [id, body] of bodies) {
      const done = store.get(id);
      expect(done?.status).toBe('done');
      expect(seen).toContainEqual({
        complete: true,
        partGone: true,
        recorded: { path: done?.path, size: body.length, sha256: sha256(body) },
        hash: sha256(body),
      });
    }
  });
});

describe('a download whose done mark was lost in a crash', () => {
  it('is marked done from the file at its final path, with no request and no second copy', async () => {
    const body = Buffer.alloc(500_000, 5);
    server.route('/model.bin', { body, etag: '"m"' });
    const { id, path } = await crashedWhileFinishing(body);
    await writeFile(path, body);
    const provider = countingProvider();
    const { events } = await runAll(provider);
    expect(store.get(id)).toMatchObject({ status: 'done', path, size: body.length, sha256: sha256(body) });
    expect(store.resume.of(id)).toBeUndefined();
    expect(events.find((event) => event.event === 'done')).toMatchObject({ id, path, sha256: sha256(body) });
    expect(provider.resolves).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(await readdir(folder)).toEqual(['model.bin']);
  });

  it('is marked done when the crash came between the hard link and the unlink of the move', async () => {
    const body = Buffer.alloc(500_000, 6);
    server.route('/model.bin', { body, etag: '"m"' });
    const { id, path } = await crashedWhileFinishing(body);
    await writeFile(path, body);
    await link(path, `${path}.part`);
    await runAll();
    expect(store.get(id)).toMatchObject({ status: 'done', path });
    expect(server.requests).toHaveLength(0);
    expect(await readdir(folder)).toEqual(['model.bin']);
  });

  it('finishes again when the crash came before the rename and the part is still there', async () => {
    const body = Buffer.alloc(500_000, 7);
    server.route('/model.bin', { body, etag: '"m"' });
    const { id, path } = await crashedWhileFinishing(body);
    await writeFile(`${path}.part`, body);
    await runAll();
    expect(store.get(id)).toMatchObject({ status: 'done', path, sha256: sha256(body) });
    expect(server.requests).toHaveLength(0);
    expect(await readdir(folder)).toEqual(['model.bin']);
  });

  it('downloads again, beside the file, when the file at its final path is not the one it finished', async () => {
    const body = Buffer.alloc(500_000, 8);
    const changed = Buffer.alloc(500_000, 0);
    server.route('/model.bin', { body, etag: '"m"' });
    const { id, path } = await crashedWhileFinishing(body);
    await writeFile(path, changed);
    const { logs } = await runAll();
    expect(logs).toContainEqual(
      expect.stringContaining('that file is gone or was changed since, so it downloads again'),
    );
    const again = join(folder, 'model (1).bin');
    expect(store.get(id)).toMatchObject({ status: 'done', path: again, sha256: sha256(body) });
    expect(server.requests.length).toBeGreaterThan(0);
    expect((await readFile(again)).equals(body)).toBe(true);
    expect((await readFile(path)).equals(changed)).toBe(true);
  });

  it('downloads again when the file is gone from its final path', async () => {
    const body = Buffer.alloc(500_000, 4);
    server.route('/model.bin', { body, etag: '"m"' });
    const { id, path } = await crashedWhileFinishing(body);
    const { logs } = await runAll();
    expect(logs).toContainEqual(expect.stringContaining('that file is gone or was changed since'));
    expect(store.get(id)).toMatchObject({ status: 'done', path, sha256: sha256(body) });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(await readdir(folder)).toEqual(['model.bin']);
  });
});
