import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import { isExternalWebUrl } from './navigation-policy';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}

/** Applied to every web contents Electron creates, so no window can escape the rules. */
export function hardenContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const blockForeign = (event: Electron.Event, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The window, shown once it has painted unless `hidden` (a start at login, kept in the tray). */
export function createMainWindow(preload: string, appUrl: string, hidden = false): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Ferry',
    width: 1200,
    height: 780,
    minWidth: 800,
    minHeight: 600,
    show: false,
    backgroundColor: '#16181d',
    webPreferences: secureWebPreferences(preload),
  });
  if (!hidden) window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}
