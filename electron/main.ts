import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, nativeImage, net, session, shell, webContents } from 'electron';
import type { Desktop } from './desktop';
import { installAppMenu } from './desktop/app-menu';
import { noticeInbox } from './desktop/app-notices';
import { installClipboardWatch } from './desktop/clipboard-watch';
import { installCloseToTray } from './desktop/close-to-tray';
import { installDeepLinks } from './desktop/deep-links';
import { type DesktopPresence, desktopPresence } from './desktop/desktop-presence';
import { installLoginItem, startedAtLogin } from './desktop/login-item';
import { installNotifications } from './desktop/notifications';
import { installPower } from './desktop/power';
import { quitWhenSessionEnds } from './desktop/session-end';
import { installTaskbarProgress } from './desktop/taskbar-progress';
import { installTray } from './desktop/tray';
import { addRequestInbox, revealInbox } from './desktop/window-inbox';
import { followWindowPages } from './desktop/window-pages';
import { installWindowState } from './desktop/window-state';
import { polledNetwork } from './engine/network-status';
import { bindRouterToIpcMain } from './ipc/electron-binding';
import { createRouter } from './ipc/router';
import { createLogger, type FerryLogger } from './logs/ferry-logger';
import { APP_LOG_FILE, logDirectory } from './logs/log-folder';
import { resolveProfileDir } from './profile';
import { createServices, type Services } from './services';
import { createMainWindow, hardenContents } from './window/main-window';
import { appUrlMatcher } from './window/navigation-policy';

// The dev server URL is honoured only in development: a packaged app always loads its own files.
const appUrl =
  (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) ||
  pathToFileURL(join(__dirname, '../renderer/index.html')).href;
const preloadPath = join(__dirname, '../preload/index.cjs');
/** Shown under the pointer when the system has no icon for the dragged file (folders on some desktops). */
const dragIconPath = join(__dirname, '../renderer/drag-icon.png');
/** The tray's icons and the taskbar's overlay, made by build/tray/make-tray-icons.sh. */
const trayIconDir = join(__dirname, '../renderer/tray');
const isAppUrl = appUrlMatcher(appUrl);
let services: Services | null = null;
let logger: FerryLogger | null = null;
let quitting = false;
let presence: DesktopPresence | null = null;
const addRequests = addRequestInbox();
const reveals = revealInbox();
const notices = noticeInbox();

if (app.requestSingleInstanceLock()) {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isAppUrl));
  followWindowPages([addRequests, reveals, notices]);
  // Before the presence exists, start() is about to make and show the window anyway.
  installDeepLinks(addRequests, () => presence?.show());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', holdQuitUntilDisposed);
  app.whenReady().then(start).catch(failStart);
} else {
  app.quit();
}

async function start(): Promise<void> {
  // Ferry's page needs no browser permission; deny both the prompts and the silent checks.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const profileDir = resolveProfileDir(process.env, app.getPath('userData'));
  logger = createLogger({ directory: logDirectory(profileDir), fileName: APP_LOG_FILE });
  process.on('uncaughtExceptionMonitor', logCrash);
  services = await createServices({
    profileDir,
    logger,
    downloadsDir: app.getPath('downloads'),
    version: app.getVersion(),
    desktop: electronDesktop(),
    addRequests,
    reveals,
    notices,
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    network: polledNetwork(() => net.isOnline()),
    // Only an installed Ferry has the launcher; a source checkout runs npm run ferry instead.
    cliLauncher: app.isPackaged ? join(process.resourcesPath, 'bin', 'ferry') : null,
  });
  bindRouterToIpcMain(createRouter(services), {
    isTrustedSender: isAppUrl,
    targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
  });
  const started = desktopPresence({ services, iconDir: trayIconDir, window: mainWindow });
  presence = started;
  installAppMenu(services, () => started.reveal({ kind: 'settings' }));
  installWindowState(profileDir, logger);
  quitWhenSessionEnds();
  // Started at login, Ferry waits in the tray; without the tray setting the window would be lost, so it shows.
  createMainWindow(preloadPath, appUrl, startedAtLogin() && services.settings.get().closeToTray);
  installPower(services);
  installLoginItem(services);
  installTray(started);
  installNotifications(started);
  installTaskbarProgress(started);
  installCloseToTray(started);
  services.downloads.start();
  installClipboardWatch(services, started, addRequests);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath, appUrl);
  });
}

/** The desktop as Ferry's services see it, made of Electron's shell and dialogs. */
function electronDesktop(): Desktop {
  return {
    openPath: (path) => shell.openPath(path),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    async startDrag(path) {
      const contents = webContents.getFocusedWebContents() ?? BrowserWindow.getAllWindows()[0]?.webContents;
      contents?.startDrag({ file: path, icon: await dragIcon(path) });
    },
    async chooseFolder(title, startIn) {
      const options: Electron.OpenDialogOptions = {
        title,
        defaultPath: startIn,
        properties: ['openDirectory', 'createDirectory'],
      };
      const [window] = BrowserWindow.getAllWindows();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

/** The system's icon for the file, or Ferry's own when there is none: Electron refuses a drag without an icon. */
async function dragIcon(path: string): Promise<Electron.NativeImage> {
  const icon = await app.getFileIcon(path, { size: 'normal' }).catch(() => null);
  return icon && !icon.isEmpty() ? icon : nativeImage.createFromPath(dragIconPath);
}

/** Running downloads are paused and saved, so they resume on the next start, before Ferry quits. */
function holdQuitUntilDisposed(event: Electron.Event): void {
  if (quitting || !services) return;
  event.preventDefault();
  quitting = true;
  void services
    .dispose()
    .finally(closeLog)
    .finally(() => app.quit());
}

/** Only watches: Electron still reports the crash its own way, but the log keeps the stack. */
function logCrash(error: Error): void {
  logger?.error('Ferry crashed:', error);
}

async function closeLog(): Promise<void> {
  process.off('uncaughtExceptionMonitor', logCrash);
  await logger?.close();
}

function mainWindow(): BrowserWindow {
  return BrowserWindow.getAllWindows()[0] ?? createMainWindow(preloadPath, appUrl);
}

function failStart(error: unknown): void {
  logger?.error('Ferry could not start:', error);
  const reason = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(
    'Ferry could not start',
    `${reason}\n\nNothing in your downloads or settings was changed. Fix the problem above and start Ferry again.`,
  );
  void closeLog().finally(() => app.exit(1));
}
