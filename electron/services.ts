import type { AppInfo } from '../shared/app-info';
import { defaultSettings } from '../shared/settings';
import { DownloadService } from './downloads/download-service';
import { createEventHub, type EventHub } from './ipc/event-hub';
import type { Logger } from './logger';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';
import { openDatabase } from './store/database';

export interface Services {
  appInfo: AppInfo;
  settings: SettingsStore;
  downloads: DownloadService;
  events: EventHub;
  logger: Logger;
  /** Stops downloads (they resume next time), closes the library. */
  dispose(): Promise<void>;
}

export interface ServiceOptions {
  /** Where settings and the library live: FERRY_HOME or Electron's userData. */
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
  const db = openDatabase(options.profileDir);
  const downloads = new DownloadService({ db, profileDir: options.profileDir, settings, events, logger });
  const dispose = async () => {
    await downloads.dispose();
    db.close();
  };
  return { appInfo, settings, downloads, events, logger, dispose };
}
