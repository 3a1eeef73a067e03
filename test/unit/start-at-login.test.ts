import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSTART_FILE, autostartEntry, setAutostartEntry } from '../../electron/desktop/autostart-entry';
import { followLoginSetting } from '../../electron/desktop/login-setting';
import { exists } from '../../electron/fs/move-no-clobber';
import { createEventHub } from '../../electron/ipc/event-hub';
import { defaultSettings } from '../../shared/settings';
import { captureLogger } from '../support/capture-logger';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let home: TempDir;
beforeEach(async () => {
  home = await makeTempDir('ferry-autostart-');
});
afterEach(() => home.remove());

describe('the XDG autostart entry (Linux)', () => {
  it('runs the given command, quoting what the Desktop Entry spec asks to quote', () => {
    const entry = autostartEntry(['/opt/Ferry Apps/ferry', '--name=100%']);
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Ferry\n');
    expect(entry).toContain('Exec="/opt/Ferry Apps/ferry" "--name=100%%"\n');
    expect(autostartEntry(['/a/$HOME"x'])).toContain('Exec="/a/\\$HOME\\"x"');
    expect(autostartEntry(['/usr/bin/ferry'])).toContain('Exec=/usr/bin/ferry\n');
  });

  it('is written into a folder that may not exist yet, and removed, even twice', async () => {
    const folder = join(home.path, '.config', 'autostart');
    await setAutostartEntry(folder, true, ['/usr/bin/ferry']);
    expect(await readFile(join(folder, AUTOSTART_FILE), 'utf8')).toContain('Exec=/usr/bin/ferry');
    await setAutostartEntry(folder, false, ['/usr/bin/ferry']);
    await setAutostartEntry(folder, false, ['/usr/bin/ferry']);
    expect(await exists(join(folder, AUTOSTART_FILE))).toBe(false);
  });
});

describe('followLoginSetting', () => {
  it('matches the setting at start and on each change of it, not on other changes', async () => {
    const events = createEventHub(captureLogger());
    let settings = defaultSettings('/downloads');
    const applied: boolean[] = [];
    followLoginSetting(
      events,
      () => settings,
      async (open) => void applied.push(open),
      captureLogger(),
    );
    expect(applied).toEqual([false]);
    settings = { ...settings, openAtLogin: true };
    events.emit('settings:changed', settings);
    events.emit('settings:changed', { ...settings, theme: 'dark' });
    settings = { ...settings, openAtLogin: false };
    events.emit('settings:changed', settings);
    expect(applied).toEqual([false, true, false]);
  });

  it('logs what to do when the system refuses, without throwing', async () => {
    const events = createEventHub(captureLogger());
    const logger = captureLogger();
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    followLoginSetting(
      events,
      () => ({ ...defaultSettings('/d'), openAtLogin: true }),
      () => Promise.reject(denied),
      logger,
    );
    await vi.waitFor(() =>
      expect(logger.lines).toEqual([
        'Ferry could not change whether it starts at login (permission denied). Add or remove it in your system’s startup applications instead.',
      ]),
    );
  });
});
