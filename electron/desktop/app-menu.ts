import { app, Menu } from 'electron';
import type { Services } from '../services';
import { appMenuTemplate } from './app-menu-model';

/**
 * Sets Ferry's application menu: macOS's app menu (with Settings…, which shows the window on its Settings), Edit
 * (copy and paste in fields), View, Window and Help.
 */
export function installAppMenu(services: Services, openSettings: () => void): void {
  const template = appMenuTemplate({
    platform: process.platform,
    development: !app.isPackaged,
    openLogFolder: () => void services.logFolder.open(),
    openSettings,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
