import { createHash } from 'node:crypto';
import { link, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyControl } from '../../electron/downloads/download-controls';
import type { Scheduler } from '../../electron/downloads/scheduler';
import type { SchedulerEvent } from '../../electron/downloads/scheduler-events';
import { Engine } from '../../electron/engine/engine';
import { EngineError } from '../../electron/engine/engine-error';
import type { FetchContext, FetchedContent, Provider } from '../../electron/providers/provider';
import type { DownloadStore } from '../../electron/store/download-store';
import { schedulerFor, until } from '../support/scheduler-harness';
import { withLibrary } from '../support/with-library';

const library = withLibrary('ferry-provider-fetch-');
let store: DownloadStore;
let engine: Engine;

beforeEach(() => {
  store = library.store;
  engine = new Engine();
});
afterEach(async () => {
  await engine.close();
});

/** A provider that fetches content itself (as the CID store's gateways path does), played by the test. */
function selfFetching(fetch: (context: FetchContext) => Promise<FetchedContent>) {
  const contexts: FetchContext[] = [];
  const provider: Provider = {
    id: 'cid',
    recognizes: () => true,
    refProblem: () => null,
    resolve: async () => ({
      fetch: (context) => {
        contexts.push(context);
        return fetch(context);
      },
    }),
  };
  return { provider, contexts };
}

function scheduler(provider: Provider, onEvent?: (event: SchedulerEvent) => void): Scheduler {
  return schedulerFor({ store, engine }, provider, onEvent);
}

describe('providers that fetch the content themselves', () => {
  it('runs the provider’s fetch instead of the engine, reports progress, and records a folder as done', async () => {
    const { provider, contexts } = selfFetching(async (context) => {
      context.progress(600, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      context.progress(1_000, 1_000);
      const folder = join(context.directory, 'bafyfolder');
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'a.txt'), 'abc');
      return { path: folder, size: 3, sha256: null };
    });
    const download = store.add({ ref: 'cid:bafyfolder', directory: library.profile.path });
    const events: SchedulerEvent[] = [];
    await scheduler(provider, (event) => events.push(event)).runUntilIdle();
    expect(contexts[0]?.staging).toBe(join(library.profile.path, `.ferry-fetch-${download.id}`));
    expect(store.get(download.id)).toMatchObject({ status: 'done', size: 3, sha256: null });
    expect(events).toContainEqual(expect.objectContaining({ event: 'progress', received: 600, size: 1_000 }));
    expect(events.at(-1)).toEqual({
      event: 'done',
      id: download.id,
      path: join(library.profile.path, 'bafyfolder'),
      size: 3,
      sha256: null,
      unpackedTo: null,
    });
  });

  it('recognises a fetched file whose done mark was lost, instead of fetching a second copy beside it', async () => {
    const body = 'verified bytes';
    const sha256 = createHash('sha256').update(body).digest('hex');
    const { provider, contexts } = selfFetching(async (context) => {
      const path = join(context.directory, 'data.bin');
      await context.finishing({ path, size: body.length, sha256 });
      await writeFile(path, body);
      // What a crash right after the move looks like to the library: the file is there, the done mark is not.
      throw new EngineError('network', 'The process ended before the done mark.');
    });
    const download = store.add({ ref: 'cid:bafyfile', directory: library.profile.path });
    await scheduler(provider).runUntilIdle();
    store.transition([download.id], ['failed'], 'queued');
    await scheduler(provider).runUntilIdle();
    expect(contexts).toHaveLength(1);
    expect(store.get(download.id)).toMatchObject({
      status: 'done',
      path: join(library.profile.path, 'data.bin'),
      sha256,
    });
    expect(await readdir(library.profile.path)).not.toContain('data (1).bin');
  });

  it('clears the staging folder a crash left beside a fetched file whose done mark was lost', async () => {
    const body = 'verified bytes';
    const sha256 = createHash('sha256').update(body).digest('hex');
    const { provider } = selfFetching(async (context) => {
      const path = join(context.directory, 'data.bin');
      await mkdir(join(context.staging, 'try-1'), { recursive: true });
      await writeFile(join(context.staging, 'try-1', 'content'), body);
      await context.finishing({ path, size: body.length, sha256 });
      await link(join(context.staging, 'try-1', 'content'), path);
      // Killed after the hard link gave the file its name, before the staging folder went.
      throw new EngineError('network', 'The process ended before the staging folder was removed.');
    });
    const download = store.add({ ref: 'cid:bafyfile', directory: library.profile.path });
    await scheduler(provider).runUntilIdle();
    expect(await readdir(library.profile.path)).toContain(`.ferry-fetch-${download.id}`);
    store.transition([download.id], ['failed'], 'queued');
    await scheduler(provider).runUntilIdle();
    expect(store.get(download.id)).toMatchObject({ status: 'done', path: join(library.profile.path, 'data.bin') });
    expect(await readdir(library.profile.path)).not.toContain(`.ferry-fetch-${download.id}`);
  });

  it('marks its progress as checked against the CID once the fetch says so', async () => {
    const { provider } = selfFetching(async (context) => {
      context.progress(100, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      context.checksAgainstCid();
      context.progress(600, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const file = join(context.directory, 'castle.glb');
      await writeFile(file, 'glTF');
      return { path: file, size: 4, sha256: null };
    });
    store.add({ ref: 'cid:bafyfile', directory: library.profile.path });
    const events: SchedulerEvent[] = [];
    await scheduler(provider, (event) => events.push(event)).runUntilIdle();
    const progress = events.filter((event) => event.event === 'progress');
    expect(progress).toContainEqual(expect.objectContaining({ received: 100, verifyingCid: false }));
    expect(progress).toContainEqual(expect.objectContaining({ received: 600, verifyingCid: true }));
  });

  it('hashes a file the fetch did not hash, as it does a transfer’s', async () => {
    const { provider } = selfFetching(async (context) => {
      const path = join(context.directory, 'note.txt');
      await writeFile(path, 'abc');
      return { path, size: 3 };
    });
    const download = store.add({ ref: 'cid:bafyfile', directory: library.profile.path });
    await scheduler(provider).runUntilIdle();
    expect(store.get(download.id)?.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('stops the fetch at once on pause, and starts it again on resume', async () => {
    let attempt = 0;
    const { provider, contexts } = selfFetching(async (context) => {
      attempt += 1;
      if (attempt === 1) {
        await new Promise((_resolve, reject) =>
          context.signal.addEventListener('abort', () => reject(new Error('stopped'))),
        );
      }
      const path = join(context.directory, 'again.bin');
      await writeFile(path, 'x');
      return { path, size: 1, sha256: null };
    });
    const download = store.add({ ref: 'cid:bafyagain', directory: library.profile.path });
    const loop = scheduler(provider);
    const running = loop.runUntilIdle();
    await until(() => contexts.length === 1);
    expect(store.get(download.id)?.status).toBe('downloading');
    await applyControl(store, 'pause', [download.id]);
    loop.poke();
    await running;
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(store.get(download.id)?.status).toBe('paused');
    await applyControl(store, 'resume', [download.id]);
    await scheduler(provider).runUntilIdle();
    expect(store.get(download.id)?.status).toBe('done');
  });

  it('fails with the engine’s code when the fetch says what went wrong, and the provider code otherwise', async () => {
    const { provider } = selfFetching(async (context) => {
      if (context.directory.endsWith('verify')) {
        throw new EngineError('verification', 'A block does not match its CID.');
      }
      throw new Error('The gateway answered something else.');
    });
    const altered = store.add({ ref: 'cid:bafyaltered', directory: join(library.profile.path, 'verify') });
    const other = store.add({ ref: 'cid:bafyother', directory: join(library.profile.path, 'other') });
    await scheduler(provider).runUntilIdle();
    expect(store.get(altered.id)?.error).toEqual({ code: 'verification', message: 'A block does not match its CID.' });
    expect(store.get(other.id)?.error).toEqual({ code: 'provider', message: 'The gateway answered something else.' });
  });

  it('holds the fetch to the speed limit', async () => {
    const { provider } = selfFetching(async (context) => {
      for (let i = 0; i < 4; i++) await context.throttle(25_000);
      const path = join(context.directory, 'slow.bin');
      await writeFile(path, 'x');
      return { path, size: 1, sha256: null };
    });
    engine.sharedLimit.setRate(100_000);
    store.add({ ref: 'cid:bafyslow', directory: library.profile.path });
    const started = performance.now();
    await scheduler(provider).runUntilIdle();
    // 100 kB at 100 kB/s, less the quarter second the bucket starts with.
    expect(performance.now() - started).toBeGreaterThan(600);
  });
});
