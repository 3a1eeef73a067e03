import { app, BrowserWindow } from 'electron';
import type { RevealTarget } from '../../shared/reveal';
import type { Services } from '../services';
import { DownloadActivity } from './download-activity';

/**
 * What the tray, the notifications, the taskbar progress and close-to-tray
 * share: the services, the downloads as the window sees them, and Ferry's
 * window, shown, hidden or brought to an item.
 */
export interface DesktopPresence {
  services: Services;
  activity: DownloadActivity;
  platform: NodeJS.Platform;
  /** Where the tray's and the taskbar's images are. */
  iconDir: string;
  /** The window if there is one; nothing is created. */
  existingWindow(): BrowserWindow | undefined;
  windowVisible(): boolean;
  windowFocused(): boolean;
  show(): void;
  hide(): void;
  /** Shows the window and asks it to bring the download, queue or account into view. */
  reveal(target: RevealTarget): void;
  /** Told whenever a window was shown, hidden, minimized or restored, by Ferry or by the person. */
  onVisibility(listener: () => void): void;
}

interface PresenceOptions {
  services: Services;
  iconDir: string;
  /** The window, made anew when there is none (macOS keeps running without one). */
  window(): BrowserWindow;
}

export function desktopPresence({ services, iconDir, window }: PresenceOptions): DesktopPresence {
  const activity = new DownloadActivity(services.downloads.list(), services.events);
  const visibilityListeners = new Set<() => void>();
  const existingWindow = () => BrowserWindow.getAllWindows()[0];
  const changedVisibility = () => {
    for (const listener of visibilityListeners) listener();
  };
  app.on('before-quit', () => activity.dispose());
  // The window also appears on its own (ready-to-show) and the person minimizes it: listen to it, not only to us.
  const watch = (target: BrowserWindow) => {
    for (const event of ['show', 'hide', 'minimize', 'restore'] as const) target.on(event as 'show', changedVisibility);
  };
  for (const current of BrowserWindow.getAllWindows()) watch(current);
  app.on('browser-window-created', (_event, created) => watch(created));
  const show = (target = window()) => {
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
  };
  return {
    services,
    activity,
    platform: process.platform,
    iconDir,
    existingWindow,
    windowVisible: () => {
      const current = existingWindow();
      return current?.isVisible() === true && !current.isMinimized();
    },
    windowFocused: () => existingWindow()?.isFocused() ?? false,
    show: () => show(),
    hide: () => existingWindow()?.hide(),
    reveal: (target) => {
      show();
      services.reveals.deliver(target);
    },
    onVisibility: (listener) => visibilityListeners.add(listener),
  };
}
