import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requireBuiltApp } from '../support/built-app';
import { createElectronStandIn, desktopOf, type FakeBrowserWindow, loadBundle } from '../support/electron-stand-in';
import { makeTempDir, type TempDir } from '../support/temp-dir';

/** The built main bundle's deep links, second launches and clipboard watch, against the recording stand-in. */

const built = requireBuiltApp();
let profile: TempDir;
let savedEnv: NodeJS.ProcessEnv;
let savedArgv: string[];
let quitApp: (() => Promise<void>) | null = null;

beforeEach(async () => {
  profile = await makeTempDir();
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
  await profile.remove();
});

/** Starts the built main process as Ferry would be started with these arguments. */
async function startMain(...args: string[]) {
  process.argv = ['/opt/Ferry/ferry', ...args];
  const standIn = createElectronStandIn({
    paths: { userData: `${profile.path}/user-data`, downloads: `${profile.path}/Downloads` },
  });
  loadBundle(built.main, standIn.electron);
  await vi.waitFor(() => expect(standIn.recording.windows).toHaveLength(1));
  const window = standIn.recording.windows[0] as FakeBrowserWindow;
  const call = (channel: string, payload?: unknown) =>
    standIn.recording.handlers.get(channel)?.(
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      payload,
    ) as Promise<{ ok: boolean; value?: unknown }>;
  quitApp = async () => {
    await call('settings:update', { watchClipboard: false });
    standIn.app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(standIn.recording.quitCalls).toBe(1));
  };
  const sentOn = (channel: string) =>
    window.webContents.sent.filter((sent) => sent.channel === channel).map((sent) => sent.payload);
  return { ...standIn, window, call, sentOn };
}

describe('ferry:// links', () => {
  it('registers Ferry for ferry:// links as it starts', async () => {
    const { links } = await startMain();
    expect(links.recording.protocols).toEqual([{ scheme: 'ferry' }]);
  });

  it('keeps the link that started Ferry until the window listens, then opens the Add dialog with it', async () => {
    const { call, sentOn } = await startMain('--no-sandbox', 'ferry://add?ref=https%3A%2F%2Fa.example%2F1.glb');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sentOn('app:addRequested')).toEqual([]);
    expect(await call('app:takeAddRequests')).toEqual({
      ok: true,
      value: [{ text: 'https://a.example/1.glb', problem: null }],
    });
    expect((await call('app:takeAddRequests')).value).toEqual([]);
  });

  it('on macOS takes open-url links, shows and focuses the window, and refuses a hostile one with the reason', async () => {
    const { app, call, sentOn, window } = await startMain();
    let shown = 0;
    // The stand-in's window shows itself silently; count the calls here.
    (window as FakeBrowserWindow & { show(): void }).show = () => {
      shown += 1;
    };
    await call('app:takeAddRequests');
    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, 'ferry://add?ref=echo3d%3Afile%2Fs1');
    app.emit('open-url', { preventDefault: () => undefined }, 'ferry://add?ref=javascript%3Aalert(1)');
    expect(prevented).toBe(true);
    expect(sentOn('app:addRequested')).toEqual([
      { text: 'echo3d:file/s1', problem: null },
      { text: '', problem: expect.stringContaining('Ferry never opens javascript: links') },
    ]);
    expect(shown).toBe(2);
    expect(window.focused).toBe(2);
  });
});

describe('links while no window listens', () => {
  it('makes a window for a link that comes after the last one closed (macOS), which takes it once it listens', async () => {
    const { app, call, recording, window } = await startMain();
    await call('app:takeAddRequests');
    desktopOf(window).destroy();
    app.emit('open-url', { preventDefault: () => undefined }, 'ferry://add?ref=echo3d%3Afile%2Fs1');
    const [made] = recording.windows;
    if (!made) throw new Error('the link made no window');
    expect(desktopOf(made).visible).toBe(true);
    expect(made.webContents.sent).toEqual([]);
    const taken = await recording.handlers.get('app:takeAddRequests')?.({
      sender: made.webContents,
      senderFrame: made.webContents.mainFrame,
    });
    expect(taken).toEqual({ ok: true, value: [{ text: 'echo3d:file/s1', problem: null }] });
  });
});

describe('files opened with Ferry on macOS', () => {
  it('reads a .txt list handed by open-file as a second launch would, and shows the Add dialog with it', async () => {
    const { app, call, sentOn } = await startMain();
    await call('app:takeAddRequests');
    const list = join(profile.path, 'assets.txt');
    await writeFile(list, 'https://a.example/1.glb\njavascript:alert(1)\n');
    let prevented = false;
    app.emit('open-file', { preventDefault: () => (prevented = true) }, list);
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(sentOn('app:addRequested')).toHaveLength(1));
    expect(sentOn('app:addRequested')).toEqual([
      { text: 'https://a.example/1.glb', problem: expect.stringContaining('1 line of assets.txt left out') },
    ]);
  });
});

describe('second launches', () => {
  it("hands a second launch's refs, links and lists to the running Ferry, ignoring Chromium's switches", async () => {
    const { app, call, sentOn, window } = await startMain();
    await call('app:takeAddRequests');
    await writeFile(join(profile.path, 'refs.csv'), 'name,link\nTree,https://a.example/tree.glb\n');
    const argv = ['/opt/Ferry/ferry', '--allow-file-access-from-files', 'https://a.example/1.glb', 'refs.csv'];
    app.emit('second-instance', {}, argv, profile.path);
    await vi.waitFor(() =>
      expect(sentOn('app:addRequested')).toEqual([
        { text: 'https://a.example/1.glb\nhttps://a.example/tree.glb', problem: null },
      ]),
    );
    expect(window.focused).toBeGreaterThanOrEqual(1);
  });

  it('refuses a missing list and a file: link, saying so in the Add dialog', async () => {
    const { app, call, sentOn } = await startMain();
    await call('app:takeAddRequests');
    app.emit('second-instance', {}, ['/opt/Ferry/ferry', 'gone.txt', 'file:///etc/passwd'], profile.path);
    await vi.waitFor(() => expect(sentOn('app:addRequested')).toHaveLength(1));
    const [request] = sentOn('app:addRequested') as { text: string; problem: string }[];
    expect(request?.text).toBe('');
    expect(request?.problem).toContain('gone.txt was not read: it does not exist.');
    expect(request?.problem).toContain('Ferry never opens file: links');
  });

  it('only shows the window when a second launch brings nothing to add', async () => {
    const { app, call, sentOn, window } = await startMain();
    await call('app:takeAddRequests');
    app.emit('second-instance', {}, ['/opt/Ferry/ferry'], profile.path);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(window.focused).toBe(1);
    expect(sentOn('app:addRequested')).toEqual([]);
  });
});

describe('the clipboard watch', () => {
  it('never reads the clipboard while the setting is off (the default), and offers copied refs once it is on, by notification too while the window is not in front', async () => {
    const { call, links, sentOn, recording, window } = await startMain();
    links.recording.clipboardText = 'https://a.example/copied-before.glb';
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(links.recording.clipboardReads).toBe(0);
    await call('settings:update', { watchClipboard: true });
    await vi.waitFor(() => expect(links.recording.clipboardReads).toBeGreaterThan(0));
    links.recording.clipboardText = 'see https://a.example/castle.glb and javascript:alert(1)';
    await vi.waitFor(
      () => expect(sentOn('app:clipboardOffer')).toEqual([{ text: 'https://a.example/castle.glb', count: 1 }]),
      {
        timeout: 4000,
      },
    );
    await call('app:takeAddRequests');
    const [notice] = recording.desktop.notifications;
    expect(notice?.options).toEqual({
      title: '1 link copied',
      body: 'Click to add them in Ferry. Nothing is added until you confirm.',
    });
    notice?.emit('click');
    await vi.waitFor(() =>
      expect(sentOn('app:addRequested')).toEqual([{ text: 'https://a.example/castle.glb', problem: null }]),
    );
    expect(recording.notifications).toHaveLength(1);

    desktopOf(window).focusedNow = true;
    links.recording.clipboardText = 'https://a.example/tower.glb';
    await vi.waitFor(() => expect(sentOn('app:clipboardOffer')).toHaveLength(2), { timeout: 4000 });
    expect(recording.desktop.notifications).toHaveLength(1);
    await call('settings:update', { watchClipboard: false });
    const reads = links.recording.clipboardReads;
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(links.recording.clipboardReads).toBe(reads);
  }, 15_000);
});
