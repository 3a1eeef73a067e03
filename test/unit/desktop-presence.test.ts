import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { requireBuiltApp } from '../support/built-app';
import { loseJournalInACrash } from '../support/crashed-writer';
import {
  createElectronStandIn,
  desktopOf,
  type FakeBrowserWindow,
  type FakeInvokeEvent,
  loadBundle,
} from '../support/electron-stand-in';
import { FaultServer } from '../support/fault-server';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const built = requireBuiltApp();
const trayIcons = join(built.rendererIndex, '..', 'tray');
let profile: TempDir;
let server: FaultServer;
let savedEnv: NodeJS.ProcessEnv;
let quitApp: (() => Promise<void>) | null = null;
const realPlatform = process.platform;

beforeEach(async () => {
  profile = await makeTempDir();
  server = await FaultServer.start();
  savedEnv = { ...process.env };
  process.env.FERRY_HOME = profile.path;
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(async () => {
  await quitApp?.();
  quitApp = null;
  Object.defineProperty(process, 'platform', { value: realPlatform });
  process.env = savedEnv;
  await server.close();
  await profile.remove();
});

/**
 * Starts the built main process as if on `platform`. The bundle loads its native modules on the real one; the
 * desktop features read the platform once, when the app is ready, which comes after.
 */
async function startMain(platform: NodeJS.Platform = realPlatform) {
  const standIn = createElectronStandIn({
    paths: { userData: `${profile.path}/user-data`, downloads: `${profile.path}/Downloads` },
  });
  loadBundle(built.main, standIn.electron);
  Object.defineProperty(process, 'platform', { value: platform });
  await vi.waitFor(() => expect(standIn.recording.desktop.trays).toHaveLength(1));
  const [window] = standIn.recording.windows as [FakeBrowserWindow];
  const [tray] = standIn.recording.desktop.trays;
  if (!tray) throw new Error('no tray was made');
  quitApp = async () => {
    const before = standIn.recording.quitCalls;
    standIn.app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(standIn.recording.quitCalls).toBe(before + 1));
  };
  const invoke = (channel: string, payload?: unknown) => {
    const event: FakeInvokeEvent = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    return standIn.recording.handlers.get(channel)?.(event, payload) as Promise<{ ok: boolean; value: unknown }>;
  };
  return { ...standIn, window, tray, invoke };
}

function closeEvent() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

describe('the tray', () => {
  it('starts idle with its menu, hides and shows the window, and quits through the saving path', async () => {
    const { tray, window, recording, invoke } = await startMain('linux');
    // The window starts hidden and shows itself once its page is ready; the menu must follow it there.
    await vi.waitFor(() => expect(desktopOf(window).visible).toBe(true));
    expect(tray.images).toEqual([join(trayIcons, 'tray-idle.png')]);
    expect(tray.tooltips).toEqual(['Ferry: nothing downloading']);
    expect(tray.menuLabels()).toEqual([
      'Hide Ferry',
      '---',
      '[Pause all]',
      '[Resume all]',
      '---',
      'Open download folder',
      '---',
      'Quit Ferry',
    ]);
    tray.clickItem('Hide Ferry');
    expect(desktopOf(window).visible).toBe(false);
    expect(tray.menuLabels()[0]).toBe('Show Ferry');
    tray.emit('click');
    expect(desktopOf(window).visible).toBe(true);
    tray.clickItem('Open download folder');
    await vi.waitFor(() => expect(recording.openedPaths).toEqual([join(profile.path, 'Downloads')]));
    tray.clickItem('Quit Ferry');
    // The second quit is the one that follows saving the downloads and closing the store.
    await vi.waitFor(() => expect(recording.quitCalls).toBe(2));
    quitApp = null;
    expect((await invoke('downloads:list')).ok).toBe(false);
  });

  it('names Show or Hide by what the person sees as the window is minimized, restored, hidden or called back', async () => {
    const { tray, window, app } = await startMain('linux');
    const shown = desktopOf(window);
    await vi.waitFor(() => expect(tray.menuLabels()[0]).toBe('Hide Ferry'));
    shown.minimize();
    expect(tray.menuLabels()[0]).toBe('Show Ferry');
    tray.clickItem('Show Ferry');
    expect(shown.isMinimized()).toBe(false);
    expect(tray.menuLabels()[0]).toBe('Hide Ferry');
    shown.hide();
    expect(tray.menuLabels()[0]).toBe('Show Ferry');
    app.emit('second-instance', {}, ['/opt/Ferry/ferry'], profile.path);
    expect(shown.visible).toBe(true);
    expect(tray.menuLabels()[0]).toBe('Hide Ferry');
  });

  it('shows a running download with its percent, the active icon and speed, and pauses and resumes all', async () => {
    server.route('/slow.bin', { body: Buffer.alloc(100_000, 7), stallAfter: 25_000 });
    const { tray, invoke } = await startMain('darwin');
    await invoke('downloads:add', { refs: [server.url('/slow.bin')] });
    await vi.waitFor(() => expect(tray.menuLabels().join(' | ')).toContain('slow.bin: 0%'), { timeout: 5000 });
    expect(tray.images.at(-1)).toBe(join(trayIcons, 'tray-activeTemplate.png'));
    expect(tray.tooltips.at(-1)).toMatch(/^Ferry: 1 active at [\d.]+ (B|KiB|MiB)\/s$/);
    tray.clickItem('Pause all');
    await vi.waitFor(() => expect(tray.menuLabels()).toContain('Resume all'), { timeout: 5000 });
    expect(tray.menuLabels()).toContain('[Pause all]');
    expect(tray.images.at(-1)).toBe(join(trayIcons, 'tray-idleTemplate.png'));
  }, 15_000);
});

describe('the taskbar and dock', () => {
  it('shows the overall progress and the dock badge on macOS, cleared when idle', async () => {
    server.route('/slow.bin', { body: Buffer.alloc(100_000, 7), stallAfter: 50_000 });
    const { window, invoke, recording } = await startMain('darwin');
    const taskbar = desktopOf(window);
    await vi.waitFor(() => expect(taskbar.visible).toBe(true));
    expect(new Set(taskbar.progressBars)).toEqual(new Set([-1]));
    expect(recording.desktop.badgeCounts).toEqual([0]);
    await invoke('downloads:add', { refs: [server.url('/slow.bin')] });
    await vi.waitFor(() => expect(taskbar.progressBars).toContain(0), { timeout: 5000 });
    expect(recording.desktop.badgeCounts).toContain(1);
    await invoke('downloads:control', { action: 'cancel', ids: 'all' });
    await vi.waitFor(() => expect(taskbar.progressBars.at(-1)).toBe(-1), { timeout: 5000 });
    expect(recording.desktop.badgeCounts.at(-1)).toBe(0);
    expect(taskbar.overlays).toEqual([]);
  }, 15_000);

  it('puts a warning overlay on the Windows taskbar while a download has failed, and clears it when retried', async () => {
    server.route('/gone.bin', { status: 404, body: Buffer.from('no') });
    const { window, invoke, tray } = await startMain('win32');
    const taskbar = desktopOf(window);
    await invoke('downloads:add', { refs: [server.url('/gone.bin')] });
    await vi.waitFor(
      () =>
        expect(taskbar.overlays).toEqual([
          { icon: join(trayIcons, 'overlay-failed.png'), description: 'A download failed' },
        ]),
      { timeout: 5000 },
    );
    expect(tray.images.at(-1)).toBe(join(trayIcons, 'tray-attention.png'));
    await invoke('downloads:control', { action: 'cancel', ids: 'all' });
    await vi.waitFor(() => expect(taskbar.overlays.at(-1)).toEqual({ icon: null, description: '' }), { timeout: 5000 });
  });

  it('puts the progress back after the window was hidden, and on a window made anew', async () => {
    const { window, app, recording } = await startMain('win32');
    const first = desktopOf(window);
    await vi.waitFor(() => expect(first.visible).toBe(true));
    const before = first.progressBars.length;
    first.hide();
    first.show();
    expect(first.progressBars.slice(before)).toEqual([-1, -1]);
    first.destroy();
    app.emit('activate');
    const second = desktopOf(recording.windows[0] as FakeBrowserWindow);
    await vi.waitFor(() => expect(second.visible).toBe(true));
    expect(second.progressBars).toEqual([-1]);
  });
});

describe('notifications', () => {
  it('says a finished download after the grouping wait, and a click shows the window with it selected', async () => {
    server.route('/lamp.glb', { body: Buffer.alloc(1000, 1) });
    const { window, invoke, recording } = await startMain();
    await invoke('app:takeReveal');
    const added = (await invoke('downloads:add', { refs: [server.url('/lamp.glb')] })).value as [{ id: number }];
    await vi.waitFor(() => expect(recording.desktop.notifications).toHaveLength(1), { timeout: 8000, interval: 200 });
    const [notice] = recording.desktop.notifications;
    expect(notice?.options).toEqual({ title: 'Download finished', body: 'lamp.glb' });
    desktopOf(window).hide();
    notice?.emit('click');
    expect(desktopOf(window).visible).toBe(true);
    expect(window.focused).toBeGreaterThan(0);
    expect(window.webContents.sent).toContainEqual({
      channel: 'app:reveal',
      payload: { kind: 'download', id: added[0].id },
    });
  }, 15_000);

  it('keeps quiet while the window has the focus', async () => {
    server.route('/lamp.glb', { body: Buffer.alloc(1000, 1) });
    const { window, invoke, recording } = await startMain();
    desktopOf(window).focusedNow = true;
    await invoke('downloads:add', { refs: [server.url('/lamp.glb')] });
    await vi.waitFor(() =>
      expect(window.webContents.sent.some((sent) => sent.channel === 'downloads:changed')).toBe(true),
    );
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(recording.desktop.notifications).toEqual([]);
  }, 15_000);
});

describe('closing the window', () => {
  it('hides it to the tray, says once that Ferry still runs, and closes for real when quitting', async () => {
    const { window, recording, app } = await startMain('linux');
    const first = closeEvent();
    (window as unknown as NodeJS.EventEmitter).emit('close', first);
    expect(first.prevented).toBe(true);
    expect(desktopOf(window).visible).toBe(false);
    // Held until the system closes it, or its click handler could be collected with it.
    expect(recording.desktop.notifications[0]?.listenerCount('close')).toBe(1);
    expect(recording.notifications).toEqual([
      {
        title: 'Ferry is still running',
        body: 'Downloads go on with the window closed. Find Ferry in the tray; Quit there ends it.',
      },
    ]);
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(join(profile.path, 'settings.json'), 'utf8'));
      expect(saved.closeToTrayExplained).toBe(true);
    });
    const second = closeEvent();
    (window as unknown as NodeJS.EventEmitter).emit('close', second);
    expect(second.prevented).toBe(true);
    expect(recording.notifications).toHaveLength(1);
    app.emit('activate');
    expect(desktopOf(window).visible).toBe(true);
    app.emit('before-quit', { preventDefault: () => undefined });
    const quitting = closeEvent();
    (window as unknown as NodeJS.EventEmitter).emit('close', quitting);
    expect(quitting.prevented).toBe(false);
  });

  it('closes as before when the setting is off', async () => {
    const { window, invoke, recording } = await startMain('linux');
    await invoke('settings:update', { closeToTray: false });
    const event = closeEvent();
    (window as unknown as NodeJS.EventEmitter).emit('close', event);
    expect(event.prevented).toBe(false);
    expect(recording.notifications).toEqual([]);
  });
});

describe('revealing from outside the window', () => {
  it('keeps what the app menu asked to show until a window made anew takes it', async () => {
    const { window, recording, desktop, invoke } = await startMain('darwin');
    await invoke('app:takeReveal');
    desktopOf(window).destroy();
    const [template] = desktop.menuTemplates as { submenu?: { label?: string; click?: () => void }[] }[][];
    const settingsItem = template?.flatMap((menu) => menu.submenu ?? []).find((item) => item.label === 'Settings…');
    settingsItem?.click?.();
    const [made] = recording.windows;
    if (!made || made === window) throw new Error('no window was made anew');
    expect(desktopOf(made).visible).toBe(true);
    expect(made.webContents.sent.filter((sent) => sent.channel === 'app:reveal')).toEqual([]);
    const take = () =>
      recording.handlers.get('app:takeReveal')?.({ sender: made.webContents, senderFrame: made.webContents.mainFrame });
    expect(await take()).toEqual({ ok: true, value: { kind: 'settings' } });
    expect(await take()).toEqual({ ok: true, value: null });
  });
});

describe('library warnings', () => {
  it('keeps a warning raised at start, before any window, until the window takes it, once', async () => {
    const library = join(profile.path, 'ferry.db');
    openDatabase(profile.path).close();
    expect(loseJournalInACrash(library)).toBe('SIGKILL');
    const { window, invoke } = await startMain('linux');
    expect(window.webContents.sent.filter((sent) => sent.channel === 'app:notice')).toEqual([]);
    expect(await invoke('app:takeNotices')).toEqual({
      ok: true,
      value: [{ id: 1, level: 'warning', message: expect.stringContaining('lost its most recent changes') }],
    });
    expect(await invoke('app:takeNotices')).toEqual({ ok: true, value: [] });
  });

  it('sends one raised while running to the window, and says it in a notification while the window is hidden', async () => {
    const library = join(profile.path, 'ferry.db');
    const { window, invoke, recording } = await startMain('linux');
    expect(await invoke('app:takeNotices')).toEqual({ ok: true, value: [] });
    await vi.waitFor(() => expect(desktopOf(window).visible).toBe(true));
    desktopOf(window).hide();
    server.route('/lamp.glb', { body: Buffer.alloc(1000, 1) });
    expect(await invoke('downloads:add', { refs: [server.url('/lamp.glb')] })).toMatchObject({ ok: true });
    rmSync(`${library}-wal`);
    // The journal is looked at once a second at most.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await invoke('downloads:add', { refs: [server.url('/lamp.glb')] })).toMatchObject({ ok: true });

    const sent = window.webContents.sent.filter((sent) => sent.channel === 'app:notice');
    expect(sent).toEqual([
      {
        channel: 'app:notice',
        payload: { id: 1, level: 'warning', message: expect.stringContaining('started a new journal') },
      },
    ]);
    const notice = recording.desktop.notifications.find(
      (shown) => shown.options.title === 'Ferry: a problem with the library',
    );
    expect(notice?.options.body).toContain('started a new journal');
    notice?.emit('click');
    expect(desktopOf(window).visible).toBe(true);
  });
});
