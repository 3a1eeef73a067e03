import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventHub } from '../../electron/ipc/event-hub';
import { openSettingsStore, SETTINGS_FILE } from '../../electron/settings/settings-store';
import { defaultSettings } from '../../shared/settings';
import { type CapturedLogger, captureLogger } from '../support/capture-logger';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let profile: TempDir;
let logger: CapturedLogger;
const defaults = defaultSettings('/downloads');

function open() {
  return openSettingsStore({ profileDir: profile.path, defaults, events: createEventHub(logger), logger });
}

beforeEach(async () => {
  profile = await makeTempDir();
  logger = captureLogger();
});

afterEach(() => profile.remove());

describe('settings store', () => {
  it('keeps saved settings across a restart', async () => {
    const first = await open();
    await first.update({ theme: 'dark', speedLimit: 2048 });
    const second = await open();
    expect(second.get()).toEqual({ ...defaults, theme: 'dark', speedLimit: 2048 });
  });

  it('writes readable JSON and leaves no temporary files behind', async () => {
    const store = await open();
    await store.update({ maxParallelDownloads: 5 });
    expect(await readdir(profile.path)).toEqual([SETTINGS_FILE]);
    const saved = JSON.parse(await readFile(join(profile.path, SETTINGS_FILE), 'utf8'));
    expect(saved.maxParallelDownloads).toBe(5);
  });

  it('applies quick successive updates in order, losing none', async () => {
    const store = await open();
    await Promise.all([
      store.update({ theme: 'dark' }),
      store.update({ maxParallelDownloads: 7 }),
      store.update({ theme: 'light' }),
    ]);
    const reopened = await open();
    expect(reopened.get()).toMatchObject({ theme: 'light', maxParallelDownloads: 7 });
  });

  it('moves a corrupt file aside instead of deleting it, and starts from defaults', async () => {
    await writeFile(join(profile.path, SETTINGS_FILE), '{"theme": "dark",');
    const store = await open();
    expect(store.get()).toEqual(defaults);
    const files = await readdir(profile.path);
    const aside = files.find((name) => name.startsWith(`${SETTINGS_FILE}.corrupt-`));
    expect(aside).toBeDefined();
    expect(await readFile(join(profile.path, aside as string), 'utf8')).toBe('{"theme": "dark",');
    expect(logger.lines.join('\n')).toContain('was not valid JSON');
  });

  it('keeps every valid field of a partly damaged file', async () => {
    const stored = { theme: 'dark', maxParallelDownloads: 'lots', connectionsPerDownload: 8, extra: 1 };
    await writeFile(join(profile.path, SETTINGS_FILE), JSON.stringify(stored));
    const store = await open();
    expect(store.get()).toEqual({ ...defaults, theme: 'dark', connectionsPerDownload: 8, firstRunDone: true });
  });

  it('welcomes a new profile once, but not one whose settings were saved before the welcome existed', async () => {
    expect((await open()).get().firstRunDone).toBe(false);
    await writeFile(join(profile.path, SETTINGS_FILE), JSON.stringify({ theme: 'dark' }));
    expect((await open()).get().firstRunDone).toBe(true);
    await writeFile(join(profile.path, SETTINGS_FILE), JSON.stringify({ firstRunDone: false }));
    const store = await open();
    expect(store.get().firstRunDone).toBe(false);
    await store.update({ firstRunDone: true });
    expect((await open()).get().firstRunDone).toBe(true);
  });

  it.each(['null', '[]', '"dark"', '42'])('falls back to defaults when the file holds %s', async (text) => {
    await writeFile(join(profile.path, SETTINGS_FILE), text);
    expect((await open()).get()).toEqual(defaults);
  });

  it('refuses to start over a settings file it cannot read, rather than overwrite it', async () => {
    const file = join(profile.path, SETTINGS_FILE);
    await mkdir(file);
    await expect(open()).rejects.toThrow(/could not read its settings file .* Fix its permissions or move it away/);
    expect((await stat(file)).isDirectory()).toBe(true);
  });

  it('creates the profile folder on the first save', async () => {
    const nested = join(profile.path, 'a', 'b');
    const store = await openSettingsStore({ profileDir: nested, defaults, events: createEventHub(logger), logger });
    await store.update({ theme: 'light' });
    expect(await readdir(nested)).toEqual([SETTINGS_FILE]);
  });
});
