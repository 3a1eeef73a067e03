import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Download } from '../../shared/downloads';
import { requireBuiltApp } from '../support/built-app';
import {
  createElectronStandIn,
  desktopOf,
  type FakeBrowserWindow,
  type FakeInvokeEvent,
  loadBundle,
} from '../support/electron-stand-in';
import { FaultServer } from '../support/fault-server';
import { makeTempDir, type TempDir } from '../support/temp-dir';

/** The adapters the other main-process tests leave out: focus, sleep, the network, drags and a checkout's link. */

const built = requireBuiltApp();
let profile: TempDir;
let server: FaultServer;
let savedEnv: NodeJS.ProcessEnv;
let savedArgv: string[];
let quitApp: (() => Promise<void>) | null = null;

beforeEach(async () => {
  profile = await makeTempDir();
  server = await FaultServer.start();
  savedEnv = { ...process.env };
  savedArgv = process.argv;
  process.env.FERRY_HOME = profile.path;
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(async () => {
  await quitApp?.();
  quitApp = null;
  process.env = savedEnv;
  process.argv = savedArgv;
  Reflect.deleteProperty(process, 'defaultApp');
  await server.close();
  await profile.remove();
});

async function startMain() {
  const standIn = createElectronStandIn({
    paths: { userData: `${profile.path}/user-data`, downloads: `${profile.path}/Downloads` },
  });
  loadBundle(built.main, standIn.electron);
  await vi.waitFor(() => expect(standIn.recording.windows).toHaveLength(1));
  const [window] = standIn.recording.windows as [FakeBrowserWindow];
  quitApp = async () => {
    const before = standIn.recording.quitCalls;
    standIn.app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(standIn.recording.quitCalls).toBe(before + 1), { timeout: 5000 });
  };
  const invoke = (channel: string, payload?: unknown) => {
    const event: FakeInvokeEvent = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    return standIn.recording.handlers.get(channel)?.(event, payload) as Promise<{ ok: boolean; value: unknown }>;
  };
  /** The download as the window last heard of it. */
  const latest = (id: number): Download | undefined =>
    window.webContents.sent
      .filter((sent) => sent.channel === 'downloads:changed')
      .flatMap((sent) => sent.payload as Download[])
      .filter((download) => download.id === id)
      .at(-1);
  const add = async (path: string) => {
    const { value } = await invoke('downloads:add', { refs: [server.url(path)] });
    return (value as [{ id: number }])[0].id;
  };
  return { ...standIn, window, invoke, latest, add };
}

describe('notifications while the window has the focus', () => {
  it('shows them anyway when notifyWhileFocused is on', async () => {
    server.route('/lamp.glb', { body: Buffer.alloc(1000, 1) });
    const { window, invoke, recording, add } = await startMain();
    await invoke('settings:update', { notifyWhileFocused: true });
    desktopOf(window).focusedNow = true;
    await add('/lamp.glb');
    await vi.waitFor(() => expect(recording.desktop.notifications).toHaveLength(1), { timeout: 8000, interval: 200 });
    expect(recording.desktop.notifications[0]?.options).toEqual({ title: 'Download finished', body: 'lamp.glb' });
  }, 15_000);
});

describe('the computer sleeping', () => {
  it('puts a running download back in the queue on suspend, and continues it on resume', async () => {
    const body = Buffer.alloc(200_000, 3);
    server.route('/big.bin', (_request, index) => (index === 0 ? { body, stallAfter: 50_000 } : { body }));
    const { desktop, latest, add } = await startMain();
    const id = await add('/big.bin');
    await vi.waitFor(() => expect(latest(id)?.status).toBe('downloading'), { timeout: 5000 });
    desktop.powerMonitor.emit('suspend');
    await vi.waitFor(() => expect(latest(id)?.status).toBe('queued'), { timeout: 5000 });
    await new Promise((wait) => setTimeout(wait, 300));
    expect(latest(id)?.status).toBe('queued');
    desktop.powerMonitor.emit('resume');
    await vi.waitFor(() => expect(latest(id)?.status).toBe('done'), { timeout: 8000 });
    expect(latest(id)?.received).toBe(body.length);
  }, 20_000);
});

describe('no network', () => {
  it('waits with "no network connection" instead of failing, and continues once the network is back', async () => {
    const body = Buffer.alloc(100_000, 5);
    server.route('/far.bin', (_request, index) => (index === 0 ? { body, dropAfter: 20_000 } : { body }));
    const { desktop, latest, add } = await startMain();
    desktop.online = false;
    const id = await add('/far.bin');
    await vi.waitFor(
      () => expect(latest(id)).toMatchObject({ status: 'waiting', waitingFor: 'no network connection' }),
      { timeout: 5000 },
    );
    await new Promise((wait) => setTimeout(wait, 2500));
    expect(latest(id)?.status).toBe('waiting');
    desktop.online = true;
    await vi.waitFor(() => expect(latest(id)).toMatchObject({ status: 'done', error: null }), { timeout: 8000 });
    expect(server.requests.filter((request) => request.path === '/far.bin')).toHaveLength(2);
  }, 20_000);
});

describe('dragging a finished download out', () => {
  async function finishedDownload() {
    server.route('/lamp.glb', { body: Buffer.alloc(1000, 1) });
    const main = await startMain();
    const id = await main.add('/lamp.glb');
    await vi.waitFor(() => expect(main.latest(id)?.status).toBe('done'), { timeout: 5000 });
    return { ...main, id, path: main.latest(id)?.path as string };
  }

  it("starts the native drag with the file and the system's icon for it", async () => {
    const { window, invoke, drags, id, path } = await finishedDownload();
    expect(path).toBe(join(profile.path, 'Downloads', 'lamp.glb'));
    expect(await invoke('downloads:startDrag', { id })).toMatchObject({ ok: true });
    expect(drags.iconRequests).toEqual([path]);
    expect(window.webContents.drags).toEqual([{ file: path, icon: `system-icon:${path}` }]);
  });

  it("falls back to Ferry's drag icon when the system has none or fails to give it", async () => {
    const { window, invoke, drags, id, path } = await finishedDownload();
    const fallback = join(built.rendererDir, 'drag-icon.png');
    drags.fileIcon = 'fails';
    await invoke('downloads:startDrag', { id });
    drags.fileIcon = 'empty';
    await invoke('downloads:startDrag', { id });
    expect(window.webContents.drags).toEqual([
      { file: path, icon: fallback },
      { file: path, icon: fallback },
    ]);
  });

  it('refuses a download that has not finished, starting no drag', async () => {
    server.route('/slow.bin', { body: Buffer.alloc(100_000), stallAfter: 10_000 });
    const { window, invoke, add } = await startMain();
    const id = await add('/slow.bin');
    expect(await invoke('downloads:startDrag', { id })).toMatchObject({ ok: false });
    expect(window.webContents.drags).toEqual([]);
  });
});

describe('ferry:// from a source checkout', () => {
  it('registers Electron with the app path, so a link does not start bare Electron', async () => {
    // What Electron sets when it runs a folder (`electron .`) rather than a packaged app.
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
    process.argv = [process.execPath, 'checkout/ferry'];
    const { links } = await startMain();
    expect(links.recording.protocols).toEqual([
      { scheme: 'ferry', executable: process.execPath, args: [resolve('checkout/ferry')] },
    ]);
  });
});
