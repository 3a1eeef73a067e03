import type { AppInfo } from '../shared/app-info';
import { defaultSettings } from '../shared/settings';
import { createEventHub, type EventHub } from './ipc/event-hub';
import type { Logger } from './logger';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';

export interface Services {
  appInfo: AppInfo;
  settings: SettingsStore;
  events: EventHub;
  logger: Logger;
}

export interface ServiceOptions {
  /** Where settings (and later the database) live: FERRY_HOME or Electron's userData. */
  profileDir: string;
  /** The platform's Downloads folder, the default destination. */
  downloadsDir: string;
  version: string;
  electron?: string;
  chrome?: string;
  logger?: Logger;
}

/** Builds every main-process service from plain Node parts; Electron only supplies paths. */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const logger = options.logger ?? console;
  const events = createEventHub(logger);
  const settings = await openSettingsStore({
    profileDir: options.profileDir,
    defaults: defaultSettings(options.downloadsDir),
    events,
    logger,
  });
  const appInfo: AppInfo = {
    name: 'Ferry',
    version: options.version,
    platform: process.platform,
    profileDir: options.profileDir,
    runtime: { node: process.versions.node, electron: options.electron ?? null, chrome: options.chrome ?? null },
  };
  return { appInfo, settings, events, logger };
}
