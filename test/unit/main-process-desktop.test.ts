import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requireBuiltApp } from '../support/built-app';
import { createElectronStandIn, desktopOf, type FakeBrowserWindow, loadBundle } from '../support/electron-stand-in';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const built = requireBuiltApp();
let profile: TempDir;
let savedEnv: NodeJS.ProcessEnv;
let quitApp: (() => Promise<void>) | null = null;

beforeEach(async () => {
  profile = await makeTempDir();
  savedEnv = { ...process.env };
  process.env.FERRY_HOME = profile.path;
  process.env.XDG_CONFIG_HOME = join(profile.path, 'config');
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(async () => {
  await quitApp?.();
  quitApp = null;
  process.env = savedEnv;
  await profile.remove();
});

/** The built main process over the stand-in; `prepare` sets the displays and the like before it starts. */
async function startMain(prepare: (desktop: ReturnType<typeof createElectronStandIn>['desktop']) => void = () => {}) {
  const standIn = createElectronStandIn({
    paths: { userData: `${profile.path}/user-data`, downloads: `${profile.path}/Downloads` },
  });
  prepare(standIn.desktop);
  loadBundle(built.main, standIn.electron);
  await vi.waitFor(() => expect(standIn.recording.windows).toHaveLength(1));
  quitApp = async () => {
    const before = standIn.recording.quitCalls;
    standIn.app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(standIn.recording.quitCalls).toBe(before + 1));
  };
  return standIn;
}

function window(windows: FakeBrowserWindow[]): FakeBrowserWindow & NodeJS.EventEmitter {
  const [only] = windows;
  if (!only) throw new Error('no window was created');
  return only as FakeBrowserWindow & NodeJS.EventEmitter;
}

/** Ferry quits a second time once the downloads are saved and the store closed; the store answers no more. */
async function expectDisposed(recording: ReturnType<typeof createElectronStandIn>['recording']) {
  await vi.waitFor(() => expect(recording.quitCalls).toBe(2));
  quitApp = null;
  const shown = window(recording.windows);
  expect(await recording.handlers.get('downloads:list')?.(fromTopFrame(shown))).toMatchObject({ ok: false });
}

const fromTopFrame = (shown: FakeBrowserWindow) => ({
  sender: shown.webContents,
  senderFrame: shown.webContents.mainFrame,
});

describe('the built main process on the desktop', () => {
  it('keeps the computer awake while a download runs and lets it sleep once it is done', async () => {
    const { recording, desktop } = await startMain();
    const shown = window(recording.windows);
    const server = await import('../support/fault-server').then(({ FaultServer }) => FaultServer.start());
    try {
      server.route('/slow.bin', { body: Buffer.alloc(300_000), bytesPerSecond: 600_000 });
      await recording.handlers.get('downloads:add')?.(fromTopFrame(shown), { refs: [server.url('/slow.bin')] });
      await vi.waitFor(() =>
        expect(desktop.blockers).toEqual([{ id: 1, type: 'prevent-app-suspension', stopped: false }]),
      );
      await vi.waitFor(() => expect(desktop.blockers[0]?.stopped).toBe(true), { timeout: 5000 });
      expect(desktop.blockers).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('pauses downloads when the computer sleeps and continues them when it wakes', async () => {
    const { desktop } = await startMain();
    desktop.powerMonitor.emit('suspend');
    desktop.powerMonitor.emit('resume');
    const log = async () => readFile(join(profile.path, 'logs', 'app.log'), 'utf8').catch(() => '');
    await vi.waitFor(async () => expect(await log()).toMatch(/going to sleep[\s\S]*woke up/));
  });

  it('reopens the window where it was, and at the default size when that display is gone', async () => {
    const saved = { x: 2000, y: 100, width: 1000, height: 700, maximized: true };
    await writeFile(join(profile.path, 'window-state.json'), JSON.stringify(saved));
    const twoDisplays = { x: 1920, y: 0, width: 2560, height: 1400 };
    const first = await startMain((desktop) => desktop.displays.push({ workArea: twoDisplays }));
    expect(window(first.recording.windows)).toMatchObject({
      bounds: { x: 2000, y: 100, width: 1000, height: 700 },
      maximized: true,
    });
    await quitApp?.();
    const second = await startMain();
    expect(window(second.recording.windows).bounds).toEqual({ x: 360, y: 135, width: 1200, height: 780 });
  });

  it('remembers the window as it is moved, written when it closes', async () => {
    const { recording } = await startMain();
    const shown = window(recording.windows);
    shown.bounds = { x: 40, y: 50, width: 900, height: 640 };
    shown.emit('move');
    shown.emit('close', { preventDefault: () => undefined });
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(join(profile.path, 'window-state.json'), 'utf8'))).toEqual({
        x: 40,
        y: 50,
        width: 900,
        height: 640,
        maximized: false,
      }),
    );
  });

  it('opens a window made anew while Ferry runs (macOS) where the last one was, before that is written', async () => {
    const { recording, app } = await startMain();
    const first = window(recording.windows);
    first.bounds = { x: 70, y: 80, width: 1000, height: 700 };
    first.emit('move');
    desktopOf(first).destroy();
    app.emit('activate');
    expect(window(recording.windows).bounds).toEqual({ x: 70, y: 80, width: 1000, height: 700 });
  });

  it('sets the application menu with an Edit menu, and its Quit saves the downloads first', async () => {
    const { desktop, recording, app } = await startMain();
    const [template] = desktop.menuTemplates as { label?: string; submenu?: { role?: string }[] }[][];
    expect(template?.map((item) => item.label)).toContain('&Edit');
    // Electron's quit role calls app.quit(), which asks before-quit first, as the tray's Quit does.
    expect(template?.flatMap((item) => item.submenu ?? []).filter((item) => item.role === 'quit')).toHaveLength(1);
    (app as unknown as { quit(): void }).quit();
    await expectDisposed(recording);
  });

  it('saves the downloads when Windows ends the session, as quitting does', async () => {
    const { recording } = await startMain();
    window(recording.windows).emit('session-end', {});
    await expectDisposed(recording);
  });

  it('starts at login as the setting says, through login items or the XDG autostart entry on Linux', async () => {
    const { recording, desktop } = await startMain();
    const shown = window(recording.windows);
    await recording.handlers.get('settings:update')?.(fromTopFrame(shown), { openAtLogin: true });
    const entry = join(profile.path, 'config', 'autostart', 'ferry.desktop');
    if (process.platform === 'linux') {
      await vi.waitFor(async () => expect(await readFile(entry, 'utf8')).toMatch(/^Exec=.+ \/ferry-app --hidden$/m));
      expect(desktop.loginItems).toEqual([]);
    } else {
      await vi.waitFor(() => expect(desktop.loginItems.at(-1)).toEqual({ openAtLogin: true, args: ['--hidden'] }));
    }
  });

  it('started at login (--hidden), keeps its window in the tray, unless closing to the tray is off', async () => {
    const argv = process.argv;
    process.argv = [...argv, '--hidden'];
    try {
      const hidden = window((await startMain()).recording.windows);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(desktopOf(hidden).visible).toBe(false);
      await quitApp?.();
      await writeFile(join(profile.path, 'settings.json'), JSON.stringify({ closeToTray: false }));
      const shown = window((await startMain()).recording.windows);
      await vi.waitFor(() => expect(desktopOf(shown).visible).toBe(true));
    } finally {
      process.argv = argv;
    }
  });
});
