import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/ipc/router';
import type { Services } from '../../electron/services';
import type { IpcEvent } from '../../shared/ipc/contract';
import { FaultServer } from '../support/fault-server';
import { openTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let profile: TestApp['profile'];
let server: FaultServer;
let services: Services;
let router: Router;
let events: IpcEvent[];

beforeEach(async () => {
  app = await openTestApp();
  ({ profile, services, router, events } = app);
  server = await FaultServer.start();
});
afterEach(async () => {
  await server.close();
  await app.close();
});

const ofType = <E extends IpcEvent['event']>(name: E) =>
  events.filter((event): event is Extract<IpcEvent, { event: E }> => event.event === name);

describe('downloads through IPC', () => {
  it('adds links, runs them, and reports changes and progress in batches', async () => {
    server.route('/a.bin', { body: Buffer.alloc(400_000, 1), bytesPerSecond: 800_000 });
    services.downloads.start();
    const added = await router.invoke('downloads:add', { refs: [server.url('/a.bin')] });
    expect(added).toMatchObject({ ok: true, value: [{ id: 1, status: 'queued', directory: `${profile.path}/dl` }] });
    await expect
      .poll(
        () =>
          ofType('downloads:changed')
            .flatMap((event) => event.payload)
            .at(-1)?.status,
        { timeout: 5000 },
      )
      .toBe('done');
    expect(ofType('downloads:progress').length).toBeGreaterThan(0);
    const listed = await router.invoke('downloads:list', undefined);
    expect(listed).toMatchObject({
      ok: true,
      value: [{ status: 'done', size: 400_000, path: `${profile.path}/dl/a.bin` }],
    });
  });

  it('never sends a secret in a ref or an error to the window, in answers or in change events', async () => {
    server.route('/gone.bin', { status: 404, body: Buffer.from('no such file') });
    services.downloads.start();
    const added = await router.invoke('downloads:add', { refs: [server.url('/gone.bin?token=s3cr3t-value&v=2')] });
    await expect
      .poll(
        () =>
          ofType('downloads:changed')
            .flatMap((event) => event.payload)
            .at(-1)?.status,
        { timeout: 5000 },
      )
      .toBe('failed');
    const listed = await router.invoke('downloads:list', undefined);
    const sent = JSON.stringify([added, listed, ofType('downloads:changed')]);
    expect(sent).toContain('token=[redacted]&v=2');
    expect(sent).not.toContain('s3cr3t');
  });

  it('sends at most ten batches a second however many downloads run', async () => {
    server.route('/b.bin', { body: Buffer.alloc(300_000, 2), bytesPerSecond: 300_000 });
    services.downloads.start();
    const refs = Array.from({ length: 6 }, () => server.url('/b.bin'));
    await router.invoke('downloads:add', { refs });
    const started = performance.now();
    await expect
      .poll(() => services.downloads.list().every((download) => download.status === 'done'), { timeout: 10_000 })
      .toBe(true);
    const seconds = (performance.now() - started) / 1000;
    const allowed = Math.ceil(seconds * 10) + 2;
    expect(ofType('downloads:progress').length).toBeLessThanOrEqual(allowed);
    // Changes and progress leave in the same flush: two messages a batch at most.
    expect(ofType('downloads:progress').length + ofType('downloads:changed').length).toBeLessThanOrEqual(2 * allowed);
  });

  it('refuses links it cannot download, saying which and why', async () => {
    const result = await router.invoke('downloads:add', { refs: ['https://ok.example/x', 'not a link'] });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_ref', message: expect.stringContaining('"not a link"') },
    });
    expect(services.downloads.list()).toEqual([]);
  });

  it('pauses and resumes through downloads:control', async () => {
    await router.invoke('downloads:add', { refs: ['http://127.0.0.1:9/x', 'http://127.0.0.1:9/y'] });
    expect(await router.invoke('downloads:control', { action: 'pause', ids: 'all' })).toEqual({
      ok: true,
      value: { changed: 2 },
    });
    expect(await router.invoke('downloads:control', { action: 'resume', ids: [2] })).toEqual({
      ok: true,
      value: { changed: 1 },
    });
    expect(services.downloads.list().map((download) => download.status)).toEqual(['paused', 'queued']);
  });

  it('shows the window what another process (a ferry CLI) changed in the library', async () => {
    const { openDatabase } = await import('../../electron/store/database');
    const { DownloadStore } = await import('../../electron/store/download-store');
    const other = openDatabase(profile.path);
    new DownloadStore(other).add({ ref: 'https://cdn.example.com/from-cli.glb', directory: profile.path });
    other.close();
    await expect
      .poll(
        () =>
          ofType('downloads:changed')
            .flatMap((event) => event.payload)
            .map((download) => download.ref),
        { timeout: 5000 },
      )
      .toContain('https://cdn.example.com/from-cli.glb');
  });

  it('lists the queues, the default one first', async () => {
    expect(await router.invoke('queues:list', undefined)).toMatchObject({
      ok: true,
      value: [{ id: 1, name: 'Default' }],
    });
  });
});
