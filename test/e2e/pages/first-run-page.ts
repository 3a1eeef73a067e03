import type { Locator, Page } from '@playwright/test';

/** The welcome a new profile sees in place of the Downloads list. */
export class FirstRunPage {
  readonly heading: Locator;
  readonly folder: Locator;
  readonly chooseFolder: Locator;
  readonly addAccount: Locator;
  readonly pasteLink: Locator;
  readonly start: Locator;
  readonly skip: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Welcome to Ferry' });
    this.folder = page.getByTestId('first-run-folder');
    this.chooseFolder = page.getByRole('button', { name: 'Choose folder…' });
    this.addAccount = page.getByRole('button', { name: 'Add an account' });
    this.pasteLink = page.getByRole('button', { name: 'Paste a first link' });
    this.start = page.getByRole('button', { name: 'Start', exact: true });
    this.skip = page.getByRole('button', { name: 'Skip', exact: true });
  }
}
