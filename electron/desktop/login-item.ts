import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';
import type { Services } from '../services';
import { setAutostartEntry } from './autostart-entry';
import { followLoginSetting } from './login-setting';

/**
 * Start at login: macOS and Windows through Electron's login items; Linux,
 * where Electron has none, through an XDG autostart entry. Started at login,
 * Ferry stays in the tray (`--hidden`; macOS says it was opened at login).
 */
export function installLoginItem(services: Services): void {
  followLoginSetting(services.events, () => services.settings.get(), openAtLogin, services.logger);
}

async function openAtLogin(open: boolean): Promise<void> {
  if (process.platform === 'linux') return setAutostartEntry(autostartFolder(), open, [...launchCommand(), HIDDEN]);
  app.setLoginItemSettings({ openAtLogin: open, args: [HIDDEN] });
}

/** The switch a login start carries (Windows, Linux): Ferry starts in the tray, its window hidden. */
const HIDDEN = '--hidden';

/** Whether this start came from the login items: the switch, or macOS's own word for it. */
export function startedAtLogin(): boolean {
  return (
    process.argv.includes(HIDDEN) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin)
  );
}

/** $XDG_CONFIG_HOME/autostart, which is ~/.config/autostart unless the desktop says otherwise. */
function autostartFolder(): string {
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
}

/** The AppImage itself when Ferry runs from one (its mount point changes each run); in development, the app folder too. */
function launchCommand(): string[] {
  const binary = process.env.APPIMAGE || process.execPath;
  return app.isPackaged ? [binary] : [binary, app.getAppPath()];
}
