import { isBusy } from '../../shared/download-status';
import type { Download } from '../../shared/downloads';
import { formatBytes } from '../../shared/format';
import { percentOf, summarize } from './activity-summary';
import type { ActivitySnapshot } from './download-activity';

export type TrayIconKind = 'idle' | 'active' | 'attention';
export type TrayCommand = 'toggle-window' | 'pause-all' | 'resume-all' | 'open-folder' | 'quit';

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'command'; command: TrayCommand; label: string; enabled: boolean }
  | { type: 'download'; id: number; label: string };

/** Everything the tray shows, as plain data the adapter turns into Electron's Tray and Menu. */
export interface TrayView {
  icon: TrayIconKind;
  tooltip: string;
  menu: TrayMenuItem[];
}

export const RECENT_IN_MENU = 5;
const MAX_NAME_LENGTH = 40;

export function trayView(snapshot: ActivitySnapshot, windowVisible: boolean): TrayView {
  const summary = summarize(snapshot);
  const recent = recentActive(snapshot.downloads).map(
    (download): TrayMenuItem => ({ type: 'download', id: download.id, label: recentLabel(download, snapshot) }),
  );
  return {
    icon: summary.failed > 0 ? 'attention' : summary.active > 0 ? 'active' : 'idle',
    tooltip: tooltip(summary.active, summary.speed, summary.failed),
    menu: [
      command('toggle-window', windowVisible ? 'Hide Ferry' : 'Show Ferry'),
      { type: 'separator' },
      command('pause-all', 'Pause all', summary.pausable > 0),
      command('resume-all', 'Resume all', summary.paused > 0),
      ...(recent.length > 0 ? [{ type: 'separator' } as const, ...recent] : []),
      { type: 'separator' },
      command('open-folder', 'Open download folder'),
      { type: 'separator' },
      command('quit', 'Quit Ferry'),
    ],
  };
}

function command(name: TrayCommand, label: string, enabled = true): TrayMenuItem {
  return { type: 'command', command: name, label, enabled };
}

function tooltip(active: number, speed: number, failed: number): string {
  const doing = active === 0 ? 'nothing downloading' : `${active} active at ${formatBytes(speed)}/s`;
  return `Ferry: ${doing}${failed > 0 ? `, ${failed} failed` : ''}`;
}

/** The newest first: what was added last is what the person is most likely waiting for. */
function recentActive(downloads: readonly Download[]): Download[] {
  return downloads
    .filter((download) => isBusy(download.status))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .slice(0, RECENT_IN_MENU);
}

function recentLabel(download: Download, snapshot: ActivitySnapshot): string {
  const name = shorten(download.name ?? download.ref);
  if (download.status === 'unpacking') return `${name}: unpacking`;
  const percent = percentOf(download, snapshot);
  const received = snapshot.progress.get(download.id)?.received ?? download.received;
  return `${name}: ${percent === null ? formatBytes(received) : `${percent}%`}`;
}

function shorten(name: string): string {
  return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name;
}
