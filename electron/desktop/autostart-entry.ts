import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

/** The file Linux desktops (XDG autostart) read at login; Electron's login items do nothing there. */
export const AUTOSTART_FILE = 'ferry.desktop';

/** Quotes one argument as the Desktop Entry spec asks: in double quotes, with ", `, $ and \ escaped, % doubled. */
function execArgument(argument: string): string {
  const escaped = argument.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%');
  return /^[\w./-]+$/.test(argument) ? escaped : `"${escaped}"`;
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Ferry',
    'Comment=Ferry download manager, started at login',
    `Exec=${command.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes Ferry's autostart entry in `folder` (normally ~/.config/autostart). */
export async function setAutostartEntry(
  folder: string,
  openAtLogin: boolean,
  command: readonly string[],
): Promise<void> {
  const file = join(folder, AUTOSTART_FILE);
  if (!openAtLogin) return rm(file, { force: true });
  await mkdir(folder, { recursive: true });
  await writeFileAtomic(file, autostartEntry(command), 0o644);
}
