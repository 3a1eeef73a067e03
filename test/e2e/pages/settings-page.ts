import type { Locator, Page } from '@playwright/test';
import type { Settings } from '../../../shared/settings';

/** The settings the desktop's checkboxes save, in the order they come in the view. */
export type DesktopSwitch = keyof Pick<
  Settings,
  | 'notifyOnFailure'
  | 'notifyOnQueueDone'
  | 'notifyOnAccountProblem'
  | 'notifyWhileFocused'
  | 'closeToTray'
  | 'preventSleepWhileDownloading'
  | 'openAtLogin'
  | 'watchClipboard'
>;

/** The Settings section: one locator per control and the save status line. */
export class SettingsPage {
  readonly theme: Locator;
  readonly notify: Locator;
  readonly unpackArchives: Locator;
  readonly unpackMaxRatio: Locator;
  readonly unpackMaxGiB: Locator;
  readonly parallelDownloads: Locator;
  readonly connections: Locator;
  readonly speedLimit: Locator;
  readonly downloadFolder: Locator;
  readonly changeFolder: Locator;
  readonly fileNames: Locator;
  readonly templateExample: Locator;
  readonly interrupted: Locator;
  readonly showWelcome: Locator;
  readonly ipfsGateways: Locator;
  readonly openLogFolder: Locator;
  readonly linkCli: Locator;
  readonly saveStatus: Locator;
  readonly alert: Locator;
  /** The desktop switches (notifications, tray, sleep, login, clipboard), by the setting each one saves. */
  readonly desktopSwitches: Record<DesktopSwitch, Locator>;

  constructor(readonly page: Page) {
    this.theme = page.getByLabel('Theme');
    this.notify = page.getByLabel('Notify me when a download finishes');
    this.unpackArchives = page.getByLabel(/^Unpack ZIP and TAR archives when they finish \(/);
    this.unpackMaxRatio = page.getByLabel('Largest expansion (times the archive)');
    this.unpackMaxGiB = page.getByLabel('Largest unpack (GiB)');
    this.parallelDownloads = page.getByLabel('Parallel downloads');
    this.connections = page.getByLabel('Connections per download');
    this.speedLimit = page.getByLabel('Speed limit (KiB/s)');
    this.downloadFolder = page.getByTestId('download-dir');
    this.changeFolder = page.getByRole('button', { name: 'Change…' });
    this.fileNames = page.getByLabel('File names');
    this.templateExample = page.getByTestId('template-example');
    this.interrupted = page.getByLabel('Downloads cut off by a crash or quit');
    this.showWelcome = page.getByLabel('Show the welcome screen in Downloads');
    this.ipfsGateways = page.getByLabel('IPFS gateways');
    this.openLogFolder = page.getByRole('button', { name: 'Open log folder' });
    this.linkCli = page.getByRole('button', { name: 'Link ferry command' });
    this.saveStatus = page.locator('.save-status');
    this.alert = page.getByRole('alert');
    this.desktopSwitches = {
      notifyOnFailure: page.getByLabel('Notify me when a download fails'),
      notifyOnQueueDone: page.getByLabel('Notify me when a queue is done'),
      notifyOnAccountProblem: page.getByLabel('Notify me when an account needs attention'),
      notifyWhileFocused: page.getByLabel("Notify me even while Ferry's window is in front"),
      closeToTray: page.getByLabel('Closing the window keeps Ferry running in the tray'),
      preventSleepWhileDownloading: page.getByLabel('Keep the computer awake while downloads run'),
      openAtLogin: page.getByLabel('Start Ferry when I log in'),
      watchClipboard: page.getByLabel('Offer to add links I copy'),
    };
  }

  /** The note under a field: its hint, or the problem with what was typed. */
  noteFor(field: Locator): Locator {
    return field.locator('xpath=following-sibling::p[1]');
  }
}
