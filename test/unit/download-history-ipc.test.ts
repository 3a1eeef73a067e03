import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/ipc/router';
import type { Services } from '../../electron/services';
import type { DownloadEvent } from '../../shared/download-history';
import type { Download } from '../../shared/downloads';
import { FaultServer } from '../support/fault-server';
import { openTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let server: FaultServer;
let services: Services;
let router: Router;

beforeEach(async () => {
  app = await openTestApp();
  ({ services, router } = app);
  server = await FaultServer.start();
});
afterEach(async () => {
  await server.close();
  await app.close();
});

async function settled(id: number): Promise<void> {
  await expect
    .poll(() => services.downloads.list().find((download) => download.id === id)?.status, { timeout: 10_000 })
    .toMatch(/^(done|failed)$/);
}

async function add(link: string): Promise<number> {
  const answer = await router.invoke('downloads:add', { refs: [link] });
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as Download[])[0]?.id ?? 0;
}

async function historyOf(id: number): Promise<DownloadEvent[]> {
  const answer = await router.invoke('downloads:history', { id });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as DownloadEvent[];
}

describe('downloads:history', () => {
  it('tells a download that was retried and then finished: each retry with the reason, then the finish', async () => {
    const body = Buffer.alloc(2_000, 7);
    server.route('/flaky.bin', (_request, index) =>
      index < 2 ? { status: 503, body: Buffer.from('busy') } : { body },
    );
    services.downloads.start();
    const id = await add(server.url('/flaky.bin'));
    await settled(id);
    const events = await historyOf(id);
    expect(events.map((event) => event.kind)).toEqual(['added', 'started', 'retrying', 'retrying', 'done']);
    expect(events[2]?.message).toContain('503');
    expect(events.every((event, i) => i === 0 || event.at >= (events[i - 1]?.at ?? 0))).toBe(true);
  });

  it('tells why a download failed, without the secret its link carried', async () => {
    server.route('/gone.bin', { status: 404, body: Buffer.from('no such file') });
    services.downloads.start();
    const id = await add(server.url('/gone.bin?token=s3cr3t-value-42'));
    await settled(id);
    const events = await historyOf(id);
    expect(events.map((event) => event.kind)).toEqual(['added', 'started', 'failed']);
    expect(events[2]?.message).toContain('404');
    expect(JSON.stringify(events)).not.toContain('s3cr3t');
  });

  it('says that a download is not in the library, and what to do', async () => {
    const answer = await router.invoke('downloads:history', { id: 4242 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(answer.ok || answer.error.message).toMatch(/\w+/);
  });
});
