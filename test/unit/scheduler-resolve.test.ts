import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyControl } from '../../electron/downloads/download-controls';
import type { Scheduler } from '../../electron/downloads/scheduler';
import type { SchedulerEvent } from '../../electron/downloads/scheduler-events';
import { Engine } from '../../electron/engine/engine';
import type { Provider, ResolveContext } from '../../electron/providers/provider';
import type { DownloadStore } from '../../electron/store/download-store';
import { FaultServer } from '../support/fault-server';
import { schedulerFor, until } from '../support/scheduler-harness';
import { withLibrary } from '../support/with-library';

const library = withLibrary('ferry-resolve-');
let server: FaultServer;
let store: DownloadStore;
let engine: Engine;

beforeEach(async () => {
  server = await FaultServer.start();
  store = library.store;
  engine = new Engine();
});
afterEach(async () => {
  await engine.close();
  await server.close();
});

/**
 * A platform that calls its API before the file (as Scenario, Delos and the
 * CID store do), played here by the test: each resolve waits until the test
 * answers it, and the test sees the context the provider was given.
 */
function slowPlatform() {
  const calls: { kind: 'resolve' | 'refresh'; context: ResolveContext; answer(url: string): void }[] = [];
  const ask = (kind: 'resolve' | 'refresh') => (_ref: string, context: ResolveContext) =>
    new Promise<{ url: string }>((resolve, reject) => {
      context.signal.addEventListener('abort', () => reject(new Error('stopped')));
      calls.push({ kind, context, answer: (url) => resolve({ url }) });
    });
  const provider: Provider = {
    id: 'http',
    recognizes: (ref) => ref.startsWith('https://') || ref.startsWith('http://'),
    refProblem: () => null,
    resolve: ask('resolve'),
    refresh: ask('refresh'),
  };
  return { provider, calls };
}

function scheduler(provider: Provider, onEvent?: (event: SchedulerEvent) => void): Scheduler {
  return schedulerFor({ store, engine }, provider, onEvent);
}

describe('providers that call their platform before the file', () => {
  it('shows resolving, then waiting with the reason the provider gives, then downloads', async () => {
    server.route('/file.bin', { body: Buffer.alloc(50_000, 7) });
    const { provider, calls } = slowPlatform();
    const download = store.add({ ref: 'https://platform.example/asset/1', directory: library.profile.path });
    const events: SchedulerEvent[] = [];
    const running = scheduler(provider, (event) => events.push(event)).runUntilIdle();
    await until(() => calls.length === 1);
    expect(store.get(download.id)?.status).toBe('resolving');
    calls[0]?.context.waiting('in-progress');
    expect(store.get(download.id)).toMatchObject({ status: 'waiting', waitingFor: 'in-progress' });
    calls[0]?.answer(server.url('/file.bin'));
    await running;
    expect(store.get(download.id)).toMatchObject({ status: 'done', waitingFor: null });
    expect(events).toContainEqual({ event: 'waiting', id: download.id, reason: 'in-progress' });
  });

  it('shows a spec that waits for its first byte with the reason it gives (a conversion) until bytes arrive', async () => {
    server.route('/converted.glb', { body: Buffer.alloc(20_000, 3), headersDelayMs: 600 });
    const provider: Provider = {
      id: 'http',
      recognizes: () => true,
      refProblem: () => null,
      resolve: async () => ({
        url: server.url('/converted.glb'),
        firstByteTimeoutMs: 60_000,
        waitingFor: 'converting to GLB',
      }),
    };
    const download = store.add({ ref: 'https://platform.example/entry/1', directory: library.profile.path });
    const running = scheduler(provider).runUntilIdle();
    await until(() => store.get(download.id)?.status === 'waiting');
    expect(store.get(download.id)?.waitingFor).toBe('converting to GLB');
    await running;
    expect(store.get(download.id)?.status).toBe('done');
  });

  it('stops the provider at once when the person pauses, and asks again after resume', async () => {
    const { provider, calls } = slowPlatform();
    const download = store.add({ ref: 'https://platform.example/asset/2', directory: library.profile.path });
    const loop = scheduler(provider);
    const running = loop.runUntilIdle();
    await until(() => calls.length === 1);
    await applyControl(store, 'pause', [download.id]);
    loop.poke();
    await running;
    expect(calls[0]?.context.signal.aborted).toBe(true);
    expect(store.get(download.id)?.status).toBe('paused');
    expect(server.requests).toHaveLength(0);
    server.route('/file.bin', { body: Buffer.alloc(1_000, 1) });
    await applyControl(store, 'resume', [download.id]);
    const again = scheduler(provider).runUntilIdle();
    await until(() => calls.length === 2);
    calls[1]?.answer(server.url('/file.bin'));
    await again;
    expect(store.get(download.id)?.status).toBe('done');
  });

  it('fails with the provider code and its words when the platform refuses', async () => {
    const provider: Provider = {
      id: 'http',
      recognizes: () => true,
      refProblem: () => null,
      resolve: async () => {
        throw new Error('The platform has no asset 3. Check the id, then retry.');
      },
    };
    const download = store.add({ ref: 'https://platform.example/asset/3', directory: library.profile.path });
    await scheduler(provider).runUntilIdle();
    expect(store.get(download.id)).toMatchObject({
      status: 'failed',
      error: { code: 'provider', message: 'The platform has no asset 3. Check the id, then retry.' },
    });
  });

  it('asks the provider to refresh an expired link, then resumes from the bytes it has', async () => {
    const file = Buffer.alloc(600_000);
    for (let i = 0; i < file.length; i++) file[i] = i % 251;
    server.route('/signed', (request, index) => {
      const fresh = new URL(request.url, 'http://x').searchParams.get('sig') === 'fresh';
      if (!fresh && index > 0) return { status: 403 };
      return { body: file, etag: '"v1"', dropAfter: fresh ? undefined : 200_000 };
    });
    const { provider, calls } = slowPlatform();
    const download = store.add({ ref: 'https://platform.example/asset/4', directory: library.profile.path });
    const running = scheduler(provider).runUntilIdle();
    await until(() => calls.length === 1);
    calls[0]?.answer(server.url('/signed?sig=old'));
    await until(() => calls.length === 2);
    expect(calls[1]?.kind).toBe('refresh');
    calls[1]?.answer(server.url('/signed?sig=fresh'));
    await running;
    expect(store.get(download.id)?.status).toBe('done');
    expect((await readFile(join(library.profile.path, 'signed'))).equals(file)).toBe(true);
    const resumed = server.requestsFor('/signed').find((request) => request.url.includes('sig=fresh'));
    expect(Number(/bytes=(\d+)-/.exec(String(resumed?.headers.range))?.[1])).toBeGreaterThan(0);
  });
});
