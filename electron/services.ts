import { homedir } from 'node:os';
import type { AppInfo } from '../shared/app-info';
import type { CliLink } from '../shared/cli-link';
import type { RevealTarget } from '../shared/reveal';
import { defaultSettings } from '../shared/settings';
import { AccountService } from './accounts/account-service';
import { AccountStore } from './accounts/account-store';
import { type Keychain, osKeychain } from './accounts/keychain';
import type { Desktop } from './desktop';
import { AppNotices, type NoticeInbox, noticeInbox } from './desktop/app-notices';
import { linkCliOntoPath } from './desktop/cli-link';
import { type AddRequestInbox, addRequestInbox, revealInbox, type WindowInbox } from './desktop/window-inbox';
import { DownloadService } from './downloads/download-service';
import { LibraryService } from './downloads/library-service';
import type { NetworkStatus } from './engine/network-status';
import { createEventHub, type EventHub } from './ipc/event-hub';
import { logDirectory, openLogFolder } from './logs/log-folder';
import type { Logger } from './logs/logger';
import { defaultProviders, type ProviderRegistry } from './providers/registry';
import { FolderService } from './settings/folder-service';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';
import { openDatabase } from './store/database';
import { DownloadStore } from './store/download-store';

export interface Services {
  appInfo: AppInfo;
  settings: SettingsStore;
  downloads: DownloadService;
  library: LibraryService;
  folders: FolderService;
  accounts: AccountService;
  events: EventHub;
  /** ferry:// links and launches waiting for the Add dialog. */
  addRequests: AddRequestInbox;
  /** What a notification, the tray or the app menu asked the window to bring into view, kept for a window. */
  reveals: WindowInbox<RevealTarget>;
  /** Warnings about the library a person must read, kept for the window until it takes them. */
  notices: AppNotices;
  logger: Logger;
  /** Where the app and the CLI write their logs, and the action that shows it to the person. */
  logFolder: { path: string; open(): Promise<void> };
  /** Links the installed `ferry` command into a folder of commands (Settings). */
  linkCli(): Promise<CliLink>;
  /** Stops downloads (they resume next time), closes the library. */
  dispose(): Promise<void>;
}

export interface ServiceOptions {
  /** Where settings and the library live: FERRY_HOME or Electron's userData. */
  profileDir: string;
  /** The platform's Downloads folder, the default destination. */
  downloadsDir: string;
  version: string;
  desktop: Desktop;
  /** The OS keychain unless a test hands in another. */
  keychain?: Keychain;
  /** Every platform Ferry ships with unless a test hands in others. */
  providers?: ProviderRegistry;
  electron?: string;
  chrome?: string;
  /** Whether the computer has a network (Electron's check in the app); always online unless given. */
  network?: NetworkStatus;
  /** Where ferry:// links and launches wait; main.ts hands in the one its listeners fill from the first moment. */
  addRequests?: AddRequestInbox;
  reveals?: WindowInbox<RevealTarget>;
  notices?: NoticeInbox;
  /** The `ferry` launcher an installed Ferry ships; null or absent when it runs from its source. */
  cliLauncher?: string | null;
  /** The person's home folder, where ~/.local/bin is; os.homedir() unless a test hands in another. */
  home?: string;
  /** Ferry's file logger in the app (main.ts opens it, so a failed start is logged too); a capture in tests. */
  logger: Logger;
}

/** Builds every main-process service from plain Node parts; Electron only supplies paths. */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { logger } = options;
  logger.info(
    `Ferry ${options.version} on ${process.platform} ${process.arch}, Node ${process.versions.node}` +
      `${options.electron ? `, Electron ${options.electron}` : ''}; profile ${options.profileDir}`,
  );
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
  const notices = new AppNotices(options.notices ?? noticeInbox(), logger);
  notices.inbox.connect((notice) => events.emit('app:notice', notice));
  const db = openDatabase(options.profileDir, (message) => notices.warn(message));
  const store = new DownloadStore(db);
  const accounts = new AccountStore(db, options.keychain ?? osKeychain());
  const providers = options.providers ?? defaultProviders(() => settings.get());
  const downloads = new DownloadService({
    store,
    accounts,
    providers,
    profileDir: options.profileDir,
    settings,
    events,
    logger,
    network: options.network,
  });
  const folders = new FolderService({ settings, store, desktop: options.desktop, events });
  const library = new LibraryService({
    store,
    desktop: options.desktop,
    events,
    settings,
    changed: (ids) => downloads.markChanged(ids),
  });
  const addRequests = options.addRequests ?? addRequestInbox();
  addRequests.connect((request) => events.emit('app:addRequested', request));
  const reveals = options.reveals ?? revealInbox();
  reveals.connect((target) => events.emit('app:reveal', target));
  const logPath = logDirectory(options.profileDir);
  const dispose = async () => {
    await downloads.dispose();
    db.close();
  };
  return {
    appInfo,
    settings,
    downloads,
    library,
    folders,
    accounts: new AccountService(accounts, providers),
    events,
    addRequests,
    reveals,
    notices,
    logger,
    logFolder: { path: logPath, open: () => openLogFolder(logPath, options.desktop) },
    linkCli: () =>
      linkCliOntoPath({
        launcher: options.cliLauncher ?? null,
        platform: process.platform,
        home: options.home ?? homedir(),
        pathVariable: process.env.PATH ?? '',
        appImage: process.env.APPIMAGE || undefined,
      }),
    dispose,
  };
}
