import { readFile } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type SchedulerOptions } from '../../electron/downloads/scheduler';
import type { SchedulerEvent } from '../../electron/downloads/scheduler-events';
import { Engine } from '../../electron/engine/engine';
import { defaultProviders } from '../../electron/providers/registry';
import { openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { captureLogger } from '../support/capture-logger';
import { FaultServer } from '../support/fault-server';
import { until } from '../support/scheduler-harness';
import type { TempDir } from '../support/temp-dir';
import { withLibrary } from '../support/with-library';

const library = withLibrary('ferry-scheduler-');
let server: FaultServer;
let profile: TempDir;
let db: DatabaseSync;
let store: DownloadStore;
let engine: Engine;

beforeEach(async () => {
  server = await FaultServer.start();
  ({ profile, db, store } = library);
  engine = new Engine();
});
afterEach(async () => {
  vi.useRealTimers();
  await engine.close();
  await server.close();
});

/**
 * A scheduler over this test's library. Its poll (for other processes) is an
 * hour: these tests wake it only through what it hears itself, or `poke()`.
 */
function scheduler(options: Partial<SchedulerOptions> = {}): Scheduler {
  return new Scheduler({
    store,
    engine,
    providers: defaultProviders(),
    logger: captureLogger(),
    maxParallel: 4,
    pollIntervalMs: 3_600_000,
    ...options,
  });
}

/** Runs the scheduler and records, overall, per queue and per account, the most downloads that ran at once. */
async function runAndMeasure(maxParallel: number, maxPerAccount?: number) {
  const running = new Set<number>();
  const peak = { total: 0, byQueue: new Map<number, number>(), byAccount: new Map<string, number>() };
  const downloads = new Map(store.list().map((download) => [download.id, download]));
  const raise = <K>(peaks: Map<K, number>, key: K, count: number) =>
    peaks.set(key, Math.max(peaks.get(key) ?? 0, count));
  const onEvent = (event: SchedulerEvent) => {
    if (event.event === 'started') running.add(event.id);
    if (event.event === 'done' || event.event === 'failed') running.delete(event.id);
    const active = [...running].map((id) => downloads.get(id));
    peak.total = Math.max(peak.total, running.size);
    for (const download of active) {
      if (!download) continue;
      raise(peak.byQueue, download.queueId, active.filter((other) => other?.queueId === download.queueId).length);
      if (download.accountId) {
        raise(
          peak.byAccount,
          download.accountId,
          active.filter((other) => other?.accountId === download.accountId).length,
        );
      }
    }
  };
  await scheduler({ maxParallel, maxPerAccount, onEvent }).runUntilIdle();
  return peak;
}

describe('Scheduler', () => {
  it('never runs more than the global limit, and uses all of it', async () => {
    server.route('/f', { body: Buffer.alloc(60_000), bytesPerSecond: 300_000 });
    for (let i = 0; i < 12; i++) store.add({ ref: server.url('/f'), directory: profile.path, queueId: 1 });
    const peak = await runAndMeasure(5);
    expect(peak.total).toBe(5);
    expect(store.list().every((download) => download.status === 'done')).toBe(true);
  });

  it('keeps each queue within its own concurrency', async () => {
    server.route('/f', { body: Buffer.alloc(60_000), bytesPerSecond: 300_000 });
    const single = store.addQueue({ name: 'One at a time', concurrency: 1 });
    const triple = store.addQueue({ name: 'Three at a time', concurrency: 3 });
    for (let i = 0; i < 4; i++) store.add({ ref: server.url('/f'), directory: profile.path, queueId: single.id });
    for (let i = 0; i < 6; i++) store.add({ ref: server.url('/f'), directory: profile.path, queueId: triple.id });
    const peak = await runAndMeasure(10);
    expect(peak.byQueue.get(single.id)).toBe(1);
    expect(peak.byQueue.get(triple.id)).toBe(3);
  });

  it('keeps each account within its own limit', async () => {
    server.route('/f', { body: Buffer.alloc(60_000), bytesPerSecond: 300_000 });
    db.prepare('UPDATE queues SET concurrency = 10 WHERE id = 1').run();
    for (let i = 0; i < 4; i++)
      store.add({ ref: server.url('/f'), directory: profile.path, accountId: 'scenario-main' });
    for (let i = 0; i < 4; i++)
      store.add({ ref: server.url('/f'), directory: profile.path, accountId: 'echo3d-studio' });
    for (let i = 0; i < 3; i++) store.add({ ref: server.url('/f'), directory: profile.path });
    const peak = await runAndMeasure(10, 1);
    expect(peak.byAccount.get('scenario-main')).toBe(1);
    expect(peak.byAccount.get('echo3d-studio')).toBe(1);
    expect(peak.total).toBeGreaterThanOrEqual(3);
  });

  it('holds back a queue outside its schedule window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 27, 12, 0));
    const closed = store.addQueue({ name: 'Closed at noon', concurrency: 2 });
    store.updateQueue(closed.id, { schedule: { start: '14:00', stop: '15:00' } });
    const held = store.add({ ref: server.url('/f'), directory: profile.path, queueId: closed.id });
    await runAndMeasure(4);
    expect(store.get(held.id)?.status).toBe('queued');
    expect(server.requests).toHaveLength(0);
  });

  it('applies a queue speed limit to the downloads it runs together', async () => {
    server.route('/q', { body: Buffer.alloc(100_000) });
    const slow = store.addQueue({ name: 'Slow', concurrency: 2, speedLimit: 100_000 });
    store.add({ ref: server.url('/q'), directory: profile.path, queueId: slow.id });
    store.add({ ref: server.url('/q'), directory: profile.path, queueId: slow.id });
    const started = performance.now();
    await runAndMeasure(4);
    // 200 kB through one 100 kB/s bucket: at least about 1.5 s (a lower bound only).
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it('never runs one download twice when it is paused and resumed within one poll', async () => {
    const file = Buffer.alloc(600_000, 5);
    server.route('/twice', { body: file, etag: '"t"', bytesPerSecond: 400_000 });
    const download = store.add({ ref: server.url('/twice'), directory: profile.path });
    const timeline: string[] = [];
    const { promise: started, resolve } = Promise.withResolvers<void>();
    const loop = scheduler({
      onEvent: (event) => {
        if (event.event !== 'progress') timeline.push(event.event);
        if (event.event === 'started') resolve();
      },
    });
    const running = loop.runUntilIdle();
    await started;
    store.transition([download.id], ['downloading'], 'paused');
    store.transition([download.id], ['paused'], 'queued');
    // Stands for the poll that would notice another process's writes.
    loop.poke();
    await running;
    for (let i = 1; i < timeline.length; i++) expect(`${timeline[i - 1]}>${timeline[i]}`).not.toBe('started>started');
    expect(store.get(download.id)?.status).toBe('done');
  });

  it('reads a long queue from the library once, not again each time a slot frees', async () => {
    server.route('/f', { body: Buffer.alloc(2_000) });
    for (let i = 0; i < 40; i++) store.add({ ref: server.url('/f'), directory: profile.path, queueId: 1 });
    const reads = vi.spyOn(store, 'queued');
    await scheduler({ maxParallel: 3 }).runUntilIdle();
    expect(store.list().every((download) => download.status === 'done')).toBe(true);
    // Once to start, once more when the queue runs dry to be sure nothing else came.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('reads the queue again when poked, as after downloads are added', async () => {
    server.route('/f', { body: Buffer.alloc(2_000) });
    const first = store.add({ ref: server.url('/f'), directory: profile.path, queueId: 1 });
    const run = scheduler({ maxParallel: 1 });
    const running = run.runUntilStopped();
    await until(() => store.get(first.id)?.status === 'done');
    const later = store.add({ ref: server.url('/f'), directory: profile.path, queueId: 1 });
    run.poke();
    await until(() => store.get(later.id)?.status === 'done');
    await run.stop();
    await running;
  });

  it('reads the queue again on its poll only when another process wrote to the library', async () => {
    server.route('/f', { body: Buffer.alloc(2_000) });
    const run = scheduler({ maxParallel: 1, pollIntervalMs: 20 });
    const reads = vi.spyOn(store, 'queued');
    const running = run.runUntilStopped();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // About ten polls with nothing changed elsewhere: the first read stands.
    expect(reads.mock.calls.length).toBe(1);
    const other = openDatabase(profile.path);
    const added = new DownloadStore(other).add({ ref: server.url('/f'), directory: profile.path, queueId: 1 });
    other.close();
    await until(() => store.get(added.id)?.status === 'done');
    await run.stop();
    await running;
  });

  it('gives the slot of a download that fails before its first request to the next one at once', async () => {
    server.route('/f', { body: Buffer.alloc(1000) });
    const bad = [1, 2, 3].map(() => store.add({ ref: 'mailto:someone@example.com', directory: profile.path }));
    const good = store.add({ ref: server.url('/f'), directory: profile.path });
    // One slot and an hour-long poll: only starting the next pick at once can finish this.
    await scheduler({ maxParallel: 1 }).runUntilIdle();
    expect(bad.map((download) => store.get(download.id)?.status)).toEqual(['failed', 'failed', 'failed']);
    expect(store.get(good.id)?.status).toBe('done');
  });

  it('skips paused queues and marks unusable refs as failed', async () => {
    const held = store.addQueue({ name: 'Held', concurrency: 2 });
    db.prepare('UPDATE queues SET paused = 1 WHERE id = ?').run(held.id);
    const waiting = store.add({ ref: server.url('/f'), directory: profile.path, queueId: held.id });
    const bad = store.add({ ref: 'mailto:someone@example.com', directory: profile.path });
    await runAndMeasure(4);
    expect(store.get(waiting.id)?.status).toBe('queued');
    expect(store.get(bad.id)).toMatchObject({ status: 'failed', error: { code: 'bad_ref' } });
  });
});

describe('expired links', () => {
  it('gets a fresh link and resumes where it stopped when a signed link expires mid-download', async () => {
    const file = Buffer.alloc(600_000);
    for (let i = 0; i < file.length; i++) file[i] = i % 251;
    let issued = 0;
    server.route('/signed', () => ({ redirect: { status: 302, location: `/cdn?token=t${++issued}` } }));
    server.route('/cdn', (request, index) => {
      const token = new URL(request.url, 'http://x').searchParams.get('token');
      if (token === 't1' && index > 0) return { status: 403 };
      return { body: file, etag: '"cdn"', dropAfter: token === 't1' ? 200_000 : undefined };
    });
    const download = store.add({ ref: server.url('/signed'), directory: profile.path });
    await scheduler({ maxParallel: 2 }).runUntilIdle();
    expect(store.get(download.id)?.status).toBe('done');
    expect((await readFile(`${profile.path}/cdn`)).equals(file)).toBe(true);
    const fresh = server.requestsFor('/cdn').filter((request) => request.url.includes('token=t2'));
    expect(Number(/bytes=(\d+)-/.exec(String(fresh[0]?.headers.range))?.[1])).toBeGreaterThan(0);
  });

  it('gets a fresh link each time one expires after the download moved on, however long the file', async () => {
    const file = Buffer.alloc(500_000);
    for (let i = 0; i < file.length; i++) file[i] = (i * 7) % 253;
    let issued = 0;
    const used = new Set<string>();
    server.route('/signed-often', () => ({ redirect: { status: 302, location: `/cdn-often?token=t${++issued}` } }));
    // Each signed link serves one request, and that one breaks off after 200 kB.
    server.route('/cdn-often', (request) => {
      const token = new URL(request.url, 'http://x').searchParams.get('token') ?? '';
      if (used.has(token)) return { status: 403 };
      used.add(token);
      const start = Number(/bytes=(\d+)-/.exec(String(request.headers.range))?.[1] ?? 0);
      return { body: file, etag: '"often"', dropAfter: file.length - start > 200_000 ? 200_000 : undefined };
    });
    const download = store.add({ ref: server.url('/signed-often'), directory: profile.path });
    await scheduler({ maxParallel: 2 }).runUntilIdle();
    expect(store.get(download.id)?.status).toBe('done');
    expect((await readFile(`${profile.path}/cdn-often`)).equals(file)).toBe(true);
    expect(issued).toBe(3);
  });

  it('refreshes a link refused before its first byte once, then downloads it', async () => {
    const file = Buffer.alloc(50_000, 9);
    server.route('/refused-at-start', (_request, index) =>
      index === 0 ? { status: 401 } : { body: file, etag: '"s"' },
    );
    const download = store.add({ ref: server.url('/refused-at-start'), directory: profile.path });
    await scheduler({ maxParallel: 2 }).runUntilIdle();
    expect(store.get(download.id)?.status).toBe('done');
    expect(server.requestsFor('/refused-at-start').length).toBe(2);
  });

  it('refreshes at most three times in a row without a byte, then reports the refusal', async () => {
    server.route('/always-expired', (_request, index) =>
      index === 0 ? { body: Buffer.alloc(300_000), etag: '"e"', dropAfter: 100_000 } : { status: 403 },
    );
    const download = store.add({ ref: server.url('/always-expired'), directory: profile.path });
    await scheduler({ maxParallel: 2 }).runUntilIdle();
    expect(store.get(download.id)).toMatchObject({ status: 'failed', error: { code: 'http_4xx' } });
    // The first answer, the refusal after its bytes, and three refusals of fresh links in a row.
    expect(server.requestsFor('/always-expired').length).toBe(5);
  });
});
