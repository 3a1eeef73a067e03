import { join } from 'node:path';
import { app, dialog, Menu, type MenuItemConstructorOptions, nativeImage, shell, Tray } from 'electron';
import type { DesktopPresence } from './desktop-presence';
import { type TrayCommand, type TrayIconKind, type TrayMenuItem, trayView } from './tray-model';

/** macOS draws template images black or white to suit the menu bar; elsewhere the tray shows Ferry's colours. */
export function trayIconPath(iconDir: string, kind: TrayIconKind, platform: NodeJS.Platform): string {
  return join(iconDir, platform === 'darwin' ? `tray-${kind}Template.png` : `tray-${kind}.png`);
}

/** Ferry's tray icon and menu, rebuilt from the tray model whenever the downloads or the window change. */
export function installTray(presence: DesktopPresence): Tray {
  const { platform, iconDir } = presence;
  const tray = new Tray(nativeImage.createFromPath(trayIconPath(iconDir, 'idle', platform)));
  let shown = { icon: 'idle', tooltip: '', menu: '' };
  const render = () => {
    if (tray.isDestroyed()) return;
    const view = trayView(presence.activity.snapshot(), presence.windowVisible());
    const menu = JSON.stringify(view.menu);
    if (view.icon !== shown.icon) tray.setImage(nativeImage.createFromPath(trayIconPath(iconDir, view.icon, platform)));
    if (view.tooltip !== shown.tooltip) tray.setToolTip(view.tooltip);
    if (menu !== shown.menu)
      tray.setContextMenu(Menu.buildFromTemplate(view.menu.map((item) => toMenuItem(item, presence))));
    shown = { icon: view.icon, tooltip: view.tooltip, menu };
  };
  presence.activity.onUpdate(render);
  presence.onVisibility(render);
  // On macOS a click opens the menu; on Windows and Linux people expect it to bring the window back.
  if (platform !== 'darwin') tray.on('click', () => presence.show());
  render();
  return tray;
}

function toMenuItem(item: TrayMenuItem, presence: DesktopPresence): MenuItemConstructorOptions {
  if (item.type === 'separator') return { type: 'separator' };
  if (item.type === 'download') {
    return { label: item.label, click: () => presence.reveal({ kind: 'download', id: item.id }) };
  }
  return { label: item.label, enabled: item.enabled, click: () => run(item.command, presence) };
}

function run(command: TrayCommand, presence: DesktopPresence): void {
  const { downloads, logger } = presence.services;
  const failed = (error: unknown) => logger.error(`The tray's ${command} failed:`, error);
  if (command === 'toggle-window') {
    if (presence.windowVisible()) presence.hide();
    else presence.show();
  } else if (command === 'pause-all') {
    downloads.control({ action: 'pause', ids: 'all' }).catch(failed);
  } else if (command === 'resume-all') {
    downloads.control({ action: 'resume', ids: 'all' }).catch(failed);
  } else if (command === 'open-folder') {
    void openDownloadFolder(presence);
  } else {
    app.quit();
  }
}

async function openDownloadFolder(presence: DesktopPresence): Promise<void> {
  const folder = presence.services.settings.get().downloadDir;
  const problem = await shell.openPath(folder);
  if (!problem) return;
  dialog.showErrorBox(
    'Ferry could not open the download folder',
    `${folder}: ${problem}\n\nCheck that the folder still exists, or choose another one in Settings.`,
  );
}
