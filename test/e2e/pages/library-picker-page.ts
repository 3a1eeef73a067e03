import type { Locator, Page } from '@playwright/test';

/** The picker over one account's library, opened from an account's Browse button. */
export class LibraryPickerPage {
  readonly panel: Locator;
  readonly filter: Locator;
  readonly status: Locator;
  readonly entries: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: /^Library of / });
    this.filter = this.panel.getByLabel('Find by name, type or tag');
    this.status = this.panel.getByRole('status');
    this.entries = this.panel.getByRole('list', { name: 'Library entries' }).getByRole('listitem');
    this.closeButton = this.panel.getByRole('button', { name: 'Close' });
  }

  entry(name: string): Locator {
    return this.entries.filter({ has: this.page.locator('.download-name', { hasText: name }) });
  }

  choice(entryName: string, label: string): Locator {
    return this.entry(entryName).getByRole('button', { name: label });
  }
}
