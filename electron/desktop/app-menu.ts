import { app, Menu } from 'electron';
import type { Services } from '../services';
import { appMenuTemplate } from './app-menu-model';

/** Sets Ferry's application menu: macOS's app menu, Edit (copy and paste in fields), View, Window and Help. */
export function installAppMenu(services: Services): void {
  const template = appMenuTemplate({
    platform: process.platform,
    development: !app.isPackaged,
    openLogFolder: () => void services.logFolder.open(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
