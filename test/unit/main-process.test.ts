import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callChannels } from '../../shared/ipc/channels';
import { requireBuiltApp } from '../support/built-app';
import {
  createElectronStandIn,
  type FakeBrowserWindow,
  type FakeInvokeEvent,
  loadBundle,
} from '../support/electron-stand-in';
import { isExpectedAnswer, samplePayloads } from '../support/sample-payloads';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const built = requireBuiltApp();
let profile: TempDir;
let savedEnv: NodeJS.ProcessEnv;

beforeEach(async () => {
  profile = await makeTempDir();
  savedEnv = { ...process.env };
  process.env.FERRY_HOME = profile.path;
  delete process.env.ELECTRON_RENDERER_URL;
});

let quitApp: (() => Promise<void>) | null = null;

afterEach(async () => {
  await quitApp?.();
  quitApp = null;
  process.env = savedEnv;
  await profile.remove();
});

async function startMain(hasInstanceLock = true) {
  const standIn = createElectronStandIn({
    hasInstanceLock,
    paths: { userData: `${profile.path}/user-data`, downloads: `${profile.path}/Downloads` },
  });
  loadBundle(built.main, standIn.electron);
  if (hasInstanceLock) await vi.waitFor(() => expect(standIn.recording.windows).toHaveLength(1));
  quitApp = async () => {
    const before = standIn.recording.quitCalls;
    standIn.app.emit('before-quit', { preventDefault: () => undefined });
    if (hasInstanceLock) await vi.waitFor(() => expect(standIn.recording.quitCalls).toBe(before + 1));
  };
  return standIn;
}

function onlyWindow(windows: FakeBrowserWindow[]): FakeBrowserWindow {
  const [window] = windows;
  if (!window) throw new Error('no window was created');
  return window;
}

/** An invoke from the window's own top frame, as Electron would report it. */
function fromTopFrame(window: FakeBrowserWindow): FakeInvokeEvent {
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame };
}

describe('the built main process', () => {
  it('opens one window with the secure web preferences and the built preload', async () => {
    const { recording } = await startMain();
    const { options } = onlyWindow(recording.windows);
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.webPreferences.preload).toBe(built.preload);
    expect(options.show).toBe(false);
  });

  it('loads the built renderer from disk', async () => {
    const { recording } = await startMain();
    const url = onlyWindow(recording.windows).loadedUrl ?? '';
    expect(fileURLToPath(url)).toBe(built.rendererIndex);
    expect(existsSync(fileURLToPath(url))).toBe(true);
  });

  it('handles every contract channel, each answering a valid call, and nothing else', async () => {
    const { recording } = await startMain();
    const window = onlyWindow(recording.windows);
    expect([...recording.handlers.keys()].sort()).toEqual([...callChannels].sort());
    for (const channel of callChannels) {
      const result = (await recording.handlers.get(channel)?.(fromTopFrame(window), samplePayloads[channel])) as {
        ok: boolean;
        error?: { code: string };
      };
      expect(isExpectedAnswer(result), `${channel}: ${JSON.stringify(result)}`).toBe(true);
    }
  });

  it('answers the app page, refuses any other sender, and keeps settings in FERRY_HOME', async () => {
    const { recording } = await startMain();
    const window = onlyWindow(recording.windows);
    const handler = recording.handlers.get('app:info');
    const refused = { ok: false, error: { code: 'forbidden_sender' } };
    expect(await handler?.(fromTopFrame(window))).toMatchObject({ ok: true, value: { profileDir: profile.path } });
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await handler?.(fromTopFrame(window))).toMatchObject(refused);
    window.webContents.mainFrame.url = window.loadedUrl ?? '';
    const embedded = { sender: window.webContents, senderFrame: { url: window.loadedUrl ?? '' } };
    expect(await handler?.(embedded)).toMatchObject(refused);
    expect(await handler?.({ sender: window.webContents, senderFrame: null })).toMatchObject(refused);
  });

  it('sends events to the window after a change', async () => {
    const { recording } = await startMain();
    const window = onlyWindow(recording.windows);
    await recording.handlers.get('settings:update')?.(fromTopFrame(window), { theme: 'dark' });
    expect(window.webContents.sent).toEqual([
      { channel: 'settings:changed', payload: expect.objectContaining({ theme: 'dark' }) },
    ]);
  });

  it('blocks navigation and redirects away from the app, and webview attachment', async () => {
    const { recording } = await startMain();
    const window = onlyWindow(recording.windows);
    const contents = window.webContents;
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', window.loadedUrl ?? '')).toBe(false);
    expect(contents.attempt('will-attach-webview')).toBe(true);
  });

  it('denies every new window and sends only web links to the system browser', async () => {
    const { recording } = await startMain();
    const open = onlyWindow(recording.windows).webContents.windowOpenHandler;
    for (const url of ['https://docs.echo3d.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share']) {
      expect(open?.({ url })).toEqual({ action: 'deny' });
    }
    expect(recording.openedExternally).toEqual(['https://docs.echo3d.com/']);
  });

  it('refuses every permission request (camera, notifications from web, geolocation...)', async () => {
    const { recording } = await startMain();
    const granted: boolean[] = [];
    recording.permissionHandler?.({}, 'media', (answer) => granted.push(answer));
    recording.permissionHandler?.({}, 'geolocation', (answer) => granted.push(answer));
    expect(granted).toEqual([false, false]);
    expect(recording.permissionCheckHandler?.({}, 'clipboard-read')).toBe(false);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { recording, app } = await startMain();
    app.emit('second-instance', {}, ['/opt/Ferry/ferry'], '/');
    expect(onlyWindow(recording.windows).focused).toBe(1);
  });

  it('chooses folders with the system picker, never from a path the window sends', async () => {
    const { recording } = await startMain();
    const window = onlyWindow(recording.windows);
    const result = await recording.handlers.get('settings:chooseDownloadDir')?.(fromTopFrame(window));
    expect(result).toMatchObject({ ok: true, value: { downloadDir: '/chosen' } });
  });

  it('logs to FERRY_HOME/logs/app.log, written out before it quits, and opens that folder when asked', async () => {
    const { recording } = await startMain();
    const window = onlyWindow(recording.windows);
    const opened = await recording.handlers.get('app:openLogFolder')?.(fromTopFrame(window));
    expect(opened).toEqual({ ok: true, value: undefined });
    expect(recording.openedPaths).toEqual([join(profile.path, 'logs')]);
    await quitApp?.();
    quitApp = null;
    const log = await readFile(join(profile.path, 'logs', 'app.log'), 'utf8');
    expect(JSON.parse(log.split('\n')[0] ?? '')).toMatchObject({
      level: 'info',
      msg: expect.stringMatching(new RegExp(`^Ferry 0.0.0-test on ${process.platform} .*; profile ${profile.path}$`)),
    });
  });

  it('pauses and saves running downloads before it quits', async () => {
    const { recording, app } = await startMain();
    app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(recording.quitCalls).toBe(1));
    quitApp = null;
  });

  it('quits at once, opening nothing, when another instance holds the lock', async () => {
    const { recording } = await startMain(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(recording.quitCalls).toBe(1);
    expect(recording.windows).toEqual([]);
    expect(recording.handlers.size).toBe(0);
  });

  it('explains a failed start in a dialog and exits instead of hanging', async () => {
    const standIn = createElectronStandIn({
      paths: { userData: `${profile.path}/user-data`, downloads: `${profile.path}/Downloads` },
      failingPath: 'downloads',
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    loadBundle(built.main, standIn.electron);
    await vi.waitFor(() => expect(standIn.recording.exitCodes).toEqual([1]));
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('Ferry could not start:'));
    stderr.mockRestore();
    expect(await readFile(join(profile.path, 'logs', 'app.log'), 'utf8')).toContain(
      "Ferry could not start: Error: Failed to get 'downloads' path",
    );
    expect(standIn.recording.errorBoxes).toEqual([
      {
        title: 'Ferry could not start',
        content: expect.stringContaining("Failed to get 'downloads' path"),
      },
    ]);
    expect(standIn.recording.errorBoxes[0]?.content).toContain('Nothing in your downloads or settings was changed');
    expect(standIn.recording.windows).toEqual([]);
  });
});
