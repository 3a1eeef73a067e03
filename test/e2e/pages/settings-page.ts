import type { Locator, Page } from '@playwright/test';

/** The Settings section: one locator per control and the save status line. */
export class SettingsPage {
  readonly theme: Locator;
  readonly notify: Locator;
  readonly unpackArchives: Locator;
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

  constructor(readonly page: Page) {
    this.theme = page.getByLabel('Theme');
    this.notify = page.getByLabel('Notify me when a download finishes');
    this.unpackArchives = page.getByLabel(/^Unpack ZIP and TAR archives when they finish \(/);
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
  }

  /** The note under a field: its hint, or the problem with what was typed. */
  noteFor(field: Locator): Locator {
    return field.locator('xpath=following-sibling::p[1]');
  }
}
