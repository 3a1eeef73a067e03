import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../electron/downloads/scheduler';
import { Engine } from '../../electron/engine/engine';
import { polledNetwork } from '../../electron/engine/network-status';
import { defaultProviders } from '../../electron/providers/registry';
import type { DownloadStore } from '../../electron/store/download-store';
import { captureLogger } from '../support/capture-logger';
import { FaultServer } from '../support/fault-server';
import type { TempDir } from '../support/temp-dir';
import { withLibrary } from '../support/with-library';

const library = withLibrary('ferry-offline-');
let server: FaultServer;
let profile: TempDir;
let store: DownloadStore;
let engine: Engine;
const network = { online: true };

beforeEach(async () => {
  server = await FaultServer.start();
  ({ profile, store } = library);
  network.online = true;
  engine = new Engine({ network: polledNetwork(() => network.online, 10) });
});
afterEach(async () => {
  await engine.close();
  await server.close();
});

/** One connection per file, so every request the server sees is one attempt. */
function scheduler(): Scheduler {
  return new Scheduler({
    connections: 1,
    store,
    engine,
    providers: defaultProviders(),
    logger: captureLogger(),
    maxParallel: 2,
    pollIntervalMs: 3_600_000,
  });
}

const file = Buffer.alloc(1_000_000, 7);

describe('a download whose network goes away', () => {
  it('waits saying "no network connection", then finishes once the network is back', async () => {
    // The network goes at 200 kB; every request made without it fails, as a real dead link does.
    server.route('/scene.glb', (_request, index) => {
      if (index === 0) network.online = false;
      if (index === 0) return { body: file, etag: '"s"', dropAfter: 200_000 };
      return network.online ? { body: file, etag: '"s"' } : { body: file, etag: '"s"', dropAfter: 0 };
    });
    const { id } = store.add({ ref: server.url('/scene.glb'), directory: profile.path, queueId: 1 });
    const running = scheduler().runUntilIdle();
    await vi.waitFor(() =>
      expect(store.get(id)).toMatchObject({ status: 'waiting', waitingFor: 'no network connection' }),
    );
    network.online = true;
    await running;
    expect(store.get(id)).toMatchObject({ status: 'done', size: file.length });
    expect(server.requestsFor('/scene.glb')).toHaveLength(2);
  });
});

describe('a scheduler held while the computer sleeps', () => {
  it('pauses what runs back into the queue with its progress saved, starts nothing, and continues when released', async () => {
    const slow = file.subarray(0, 400_000);
    server.route('/slow.bin', { body: slow, etag: '"b"', bytesPerSecond: 200_000 });
    const { id } = store.add({ ref: server.url('/slow.bin'), directory: profile.path, queueId: 1 });
    const loop = scheduler();
    const running = loop.runUntilIdle();
    await vi.waitFor(() => expect(store.get(id)?.status).toBe('downloading'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await loop.hold();
    const held = store.get(id);
    expect(held?.status).toBe('queued');
    expect(held?.received).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.get(id)?.status).toBe('queued');
    loop.release();
    await running;
    expect(store.get(id)).toMatchObject({ status: 'done', size: slow.length });
    const [, resumed] = server.requestsFor('/slow.bin');
    expect(resumed?.headers.range).toMatch(/^bytes=[1-9]/);
  });
});
