import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyControl } from '../../electron/downloads/download-controls';
import { Scheduler } from '../../electron/downloads/scheduler';
import type { SchedulerEvent } from '../../electron/downloads/scheduler-events';
import { Engine } from '../../electron/engine/engine';
import { defaultProviders } from '../../electron/providers/registry';
import { openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { defaultSettings } from '../../shared/settings';
import { runTool } from '../support/archive-fixtures';
import { captureLogger } from '../support/capture-logger';
import { FaultServer } from '../support/fault-server';
import { until } from '../support/scheduler-harness';
import type { TempDir } from '../support/temp-dir';
import { withLibrary } from '../support/with-library';

const library = withLibrary('ferry-unpack-');
let server: FaultServer;
let temp: TempDir;
let store: DownloadStore;
let engine: Engine;
let downloads: string;

beforeEach(async () => {
  server = await FaultServer.start();
  ({ profile: temp, store } = library);
  engine = new Engine();
  downloads = join(temp.path, 'downloads');
  mkdirSync(downloads);
});
afterEach(async () => {
  vi.useRealTimers();
  await engine.close();
  await server.close();
});

/** Unless told otherwise its poll for other processes is an hour: these tests wake it themselves with `poke()`. */
function scheduler(onEvent?: (event: SchedulerEvent) => void, pollIntervalMs = 3_600_000): Scheduler {
  return new Scheduler({
    store,
    engine,
    providers: defaultProviders(),
    logger: captureLogger(),
    maxParallel: 2,
    pollIntervalMs,
    onEvent,
  });
}

/** A ZIP of two textures, made by Info-ZIP. */
function texturesZip(): Buffer {
  const source = join(temp.path, 'source');
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, 'wood.png'), 'wood');
  writeFileSync(join(source, 'metal.png'), 'metal');
  runTool('zip', ['-q', join(temp.path, 'textures.zip'), 'wood.png', 'metal.png'], source);
  return readFileSync(join(temp.path, 'textures.zip'));
}

async function runAll(): Promise<SchedulerEvent[]> {
  const events: SchedulerEvent[] = [];
  await scheduler((e) => events.push(e)).runUntilIdle();
  return events;
}

describe('unpacking finished downloads', () => {
  it('unpacks an archive when the download asks for it, keeps the archive, and reports where the files went', async () => {
    server.route('/textures.zip', { body: texturesZip() });
    const download = store.add({ ref: server.url('/textures.zip'), directory: downloads, unpack: true });
    const events = await runAll();
    const folder = join(downloads, 'textures');
    expect(store.get(download.id)).toMatchObject({ status: 'done', unpackedTo: folder });
    expect(readdirSync(folder).sort()).toEqual(['metal.png', 'wood.png']);
    expect(readdirSync(downloads).sort()).toEqual(['textures', 'textures.zip']);
    expect(events.map((event) => event.event)).toContain('unpacking');
    expect(events.find((event) => event.event === 'done')).toMatchObject({
      path: join(downloads, 'textures.zip'),
      unpackedTo: folder,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('leaves archives packed unless asked', async () => {
    server.route('/textures.zip', { body: texturesZip() });
    const download = store.add({ ref: server.url('/textures.zip'), directory: downloads });
    const events = await runAll();
    expect(store.get(download.id)).toMatchObject({ status: 'done', unpackedTo: null });
    expect(readdirSync(downloads)).toEqual(['textures.zip']);
    expect(events.map((event) => event.event)).not.toContain('unpacking');
  });

  it('finishes a file that is not an archive as it is, even when asked to unpack', async () => {
    server.route('/photo.jpg', { body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) });
    const download = store.add({ ref: server.url('/photo.jpg'), directory: downloads, unpack: true });
    await runAll();
    expect(store.get(download.id)).toMatchObject({ status: 'done', unpackedTo: null });
  });

  it('fails a damaged archive with the reason, keeps it, and unpacks again on retry without downloading again', async () => {
    const zip = texturesZip();
    server.route('/textures.zip', { body: zip.subarray(0, zip.length - 30) });
    const download = store.add({ ref: server.url('/textures.zip'), directory: downloads, unpack: true });
    await runAll();
    expect(store.get(download.id)).toMatchObject({
      status: 'failed',
      path: join(downloads, 'textures.zip'),
      error: {
        code: 'unpack',
        message: expect.stringMatching(/^Downloaded, but not unpacked: The ZIP archive is damaged/),
      },
    });
    // The person repairs the file by hand (or a tool does); retry unpacks what is there.
    writeFileSync(join(downloads, 'textures.zip'), zip);
    expect(await applyControl(store, 'retry', [download.id])).toBe(1);
    expect(store.get(download.id)?.status).toBe('unpacking');
    await runAll();
    expect(store.get(download.id)).toMatchObject({ status: 'done', unpackedTo: join(downloads, 'textures') });
    expect(server.requestsFor('/textures.zip')).toHaveLength(1);
  });

  it('stops at the unpack limits the settings give, naming the setting, and keeps the archive', async () => {
    server.route('/textures.zip', { body: texturesZip() });
    const download = store.add({ ref: server.url('/textures.zip'), directory: downloads, unpack: true });
    const settings = { ...defaultSettings(downloads), unpackMaxEntries: 1 };
    await new Scheduler({
      store,
      engine,
      providers: defaultProviders(() => settings),
      logger: captureLogger(),
      maxParallel: 2,
    }).runUntilIdle();
    expect(store.get(download.id)).toMatchObject({
      status: 'failed',
      error: {
        code: 'unpack',
        message: expect.stringContaining(
          'Unpacking stopped: textures.zip holds more than 1 entry (the limit in Settings › Unpacking › Most entries in an archive, unpackMaxEntries in settings.json).',
        ),
      },
    });
    expect(readdirSync(downloads)).toEqual(['textures.zip']);
  });

  it('finishes unpacking that a crash or quit cut off, starting it over cleanly', async () => {
    writeFileSync(join(downloads, 'textures.zip'), texturesZip());
    const download = store.add({ ref: server.url('/textures.zip'), directory: downloads, unpack: true });
    store.finish(download.id, { path: join(downloads, 'textures.zip'), size: 1 }, 'unpacking');
    // What the interrupted run left half-written.
    mkdirSync(join(downloads, `.ferry-unpack-${download.id}`));
    writeFileSync(join(downloads, `.ferry-unpack-${download.id}`, 'wood.png'), 'wo');
    const events = await runAll();
    expect(store.get(download.id)).toMatchObject({ status: 'done', unpackedTo: join(downloads, 'textures') });
    expect(readdirSync(downloads).sort()).toEqual(['textures', 'textures.zip']);
    expect(readFileSync(join(downloads, 'textures', 'wood.png'), 'utf8')).toBe('wood');
    // The hash the crash never recorded is computed before the download is reported done.
    expect(events.find((event) => event.event === 'done')).toMatchObject({ sha256: expect.any(String) });
    expect(server.requestsFor('/textures.zip')).toHaveLength(0);
  });

  /** A TAR of 400 files, large enough that unpacking it is still running when a test interrupts it. */
  function bigTarUnpacking(): number {
    const big = join(temp.path, 'big');
    mkdirSync(big);
    for (let n = 0; n < 400; n++) writeFileSync(join(big, `${n}.bin`), Buffer.alloc(20_000, n));
    runTool('tar', ['-cf', join(downloads, 'big.tar'), '.'], big);
    const download = store.add({ ref: server.url('/big.tar'), directory: downloads, unpack: true });
    store.finish(download.id, { path: join(downloads, 'big.tar'), size: 1 }, 'unpacking');
    return download.id;
  }

  it('stops unpacking when the scheduler stops, leaving the download to unpack next time', async () => {
    const id = bigTarUnpacking();
    const loop = scheduler();
    const running = loop.runUntilStopped();
    await until(() => existsSync(join(downloads, `.ferry-unpack-${id}`)));
    await loop.stop();
    await running;
    expect(store.get(id)?.status).toBe('unpacking');
    expect(readdirSync(downloads)).toEqual(['big.tar']);
  });

  it('stops unpacking when the person cancels it, keeping the downloaded file', async () => {
    const id = bigTarUnpacking();
    const loop = scheduler();
    const running = loop.runUntilIdle();
    await until(() => existsSync(join(downloads, `.ferry-unpack-${id}`)));
    expect(await applyControl(store, 'cancel', [id])).toBe(1);
    loop.poke();
    await running;
    expect(store.get(id)).toMatchObject({ status: 'canceled', path: join(downloads, 'big.tar'), unpackedTo: null });
    expect(readdirSync(downloads)).toEqual(['big.tar']);
  });

  it('follows a cancel written by another process at its next poll', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const id = bigTarUnpacking();
    const running = scheduler(undefined, 1000).runUntilIdle();
    await until(() => existsSync(join(downloads, `.ferry-unpack-${id}`)));
    const otherProcess = openDatabase(temp.path);
    expect(await applyControl(new DownloadStore(otherProcess), 'cancel', [id])).toBe(1);
    otherProcess.close();
    await vi.advanceTimersByTimeAsync(1000);
    await running;
    expect(store.get(id)).toMatchObject({ status: 'canceled', unpackedTo: null });
    expect(readdirSync(downloads)).toEqual(['big.tar']);
  });
});
