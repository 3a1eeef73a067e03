import { app, type BrowserWindow, Notification } from 'electron';
import type { DesktopPresence } from './desktop-presence';
import { holdWhileOnScreen } from './notifications';

/**
 * Closing the window hides it and downloads go on, when the setting says so;
 * the first time, a notification says Ferry still runs. Quitting (the tray,
 * the app menu, the system) still quits.
 */
export function installCloseToTray(presence: DesktopPresence): void {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  const watch = (window: BrowserWindow) =>
    window.on('close', (event) => {
      if (quitting || !presence.services.settings.get().closeToTray) return;
      event.preventDefault();
      presence.hide();
      void explainOnce(presence);
    });
  const existing = presence.existingWindow();
  if (existing) watch(existing);
  app.on('browser-window-created', (_event, window) => watch(window));
  // Clicking the dock icon (macOS) brings a hidden window back.
  app.on('activate', () => {
    const window = presence.existingWindow();
    if (window && !window.isVisible()) presence.show();
  });
}

async function explainOnce(presence: DesktopPresence): Promise<void> {
  const { settings, logger } = presence.services;
  if (settings.get().closeToTrayExplained || !Notification.isSupported()) return;
  const where = presence.platform === 'darwin' ? 'the menu bar' : 'the tray';
  const notification = new Notification({
    title: 'Ferry is still running',
    body: `Downloads go on with the window closed. Find Ferry in ${where}; Quit there ends it.`,
  });
  holdWhileOnScreen(notification);
  notification.on('click', () => presence.show());
  notification.show();
  await settings
    .rememberCloseToTrayExplained()
    .catch((error) => logger.warn('Could not save that the close-to-tray notice was shown:', error));
}
