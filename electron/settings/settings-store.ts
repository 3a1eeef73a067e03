import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../shared/errors';
import { MAX_ADD_FOLDERS, type Settings, type SettingsPatch, settingsSchema } from '../../shared/settings';
import { writeFileAtomic } from '../fs/atomic-write';
import { describeFsError } from '../fs/describe-fs-error';
import type { EventHub } from '../ipc/event-hub';
import type { Logger } from '../logs/logger';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
  /** Only the main process sets the folder, from a folder picker: the window never names paths. */
  setDownloadDir(folder: string): Promise<Settings>;
  /** A folder the picker gave for one add, remembered as the last used; main process only, like the download folder. */
  rememberAddFolder(folder: string): Promise<Settings>;
  /** The window closed to the tray and the person was told Ferry still runs; main process only. */
  rememberCloseToTrayExplained(): Promise<Settings>;
}

interface SettingsStoreOptions {
  profileDir: string;
  defaults: Settings;
  events: EventHub;
  logger: Logger;
}

/**
 * Settings as a JSON file in the profile folder, written atomically. Updates
 * are serialised so two quick changes can never be saved out of order.
 */
export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const file = join(options.profileDir, SETTINGS_FILE);
  let current = await loadSettings(file, options.defaults, options.logger);
  let saving: Promise<unknown> = Promise.resolve();

  async function save(next: Settings): Promise<Settings> {
    try {
      await mkdir(options.profileDir, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
    } catch (error) {
      throw new FerryError(
        'storage',
        `Ferry could not save your settings to ${file} (${describeFsError(error)}). Check that the folder exists, is writable and the disk is not full, then try again.`,
        { cause: error },
      );
    }
    current = next;
    options.events.emit('settings:changed', next);
    return next;
  }

  /** One change at a time, each from the settings the last one saved. */
  function queueSave(change: (settings: Settings) => Settings): Promise<Settings> {
    const result = saving.then(() => save(change(current)));
    saving = result.catch(() => undefined);
    return result;
  }

  return {
    get: () => current,
    update: (patch) => queueSave((settings) => applyPatch(settings, patch)),
    setDownloadDir: (folder) => queueSave((settings) => ({ ...settings, downloadDir: folder })),
    rememberAddFolder: (folder) =>
      queueSave((settings) => ({
        ...settings,
        addFolders: [...settings.addFolders.filter((kept) => kept !== folder), folder].slice(-MAX_ADD_FOLDERS),
      })),
    rememberCloseToTrayExplained: () => queueSave((settings) => ({ ...settings, closeToTrayExplained: true })),
  };
}

/** IPC keeps `{ theme: undefined }` as a key; it means "unchanged", never "erase". */
function applyPatch(current: Settings, patch: SettingsPatch): Settings {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) next[key] = value;
  }
  return settingsSchema.parse(next);
}

/**
 * Reads what it can: a missing file means defaults, a corrupt one is moved
 * aside (never deleted) and each field that is still valid is kept. A file
 * that cannot be read at all stops the start, since saving would overwrite it.
 */
async function loadSettings(file: string, defaults: Settings, logger: Logger): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaults;
    throw new FerryError(
      'storage',
      `Ferry could not read its settings file ${file} (${describeFsError(error)}). Fix its permissions or move it away, then start Ferry again.`,
      { cause: error },
    );
  }
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    await moveAside(file, logger);
    return defaults;
  }
  return mergeValidFields(stored, defaults);
}

async function moveAside(file: string, logger: Logger): Promise<void> {
  const aside = `${file}.corrupt-${Date.now()}`;
  try {
    await rename(file, aside);
  } catch (error) {
    throw new FerryError(
      'storage',
      `Ferry's settings file ${file} is damaged and could not be moved aside (${describeFsError(error)}). Move or delete it, then start Ferry again.`,
      { cause: error },
    );
  }
  logger.warn(`${file} was not valid JSON; it was kept as ${aside} and default settings are in use.`);
}

/** Settings saved by a version without the welcome screen belong to someone who has used Ferry: no welcome then. */
function mergeValidFields(stored: unknown, defaults: Settings): Settings {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return defaults;
  const merged: Record<string, unknown> = { ...defaults, firstRunDone: true };
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    const value = (stored as Record<string, unknown>)[key];
    if (schema.safeParse(value).success) merged[key] = value;
  }
  return settingsSchema.parse(merged);
}
