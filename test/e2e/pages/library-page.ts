import type { Locator, Page } from '@playwright/test';

/** The library picker: the dialog an account's Browse button opens over its library. */
export class LibraryPage {
  readonly dialog: Locator;
  readonly search: Locator;
  readonly status: Locator;
  readonly error: Locator;
  readonly entries: Locator;
  readonly queue: Locator;
  readonly addButton: Locator;
  readonly result: Locator;
  readonly failures: Locator;
  readonly showMore: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Library of / });
    this.search = this.dialog.getByLabel('Find by name, type or tag');
    this.status = this.dialog.getByRole('status').first();
    this.error = this.dialog.getByRole('alert');
    this.entries = this.dialog.getByRole('list', { name: 'Library entries' }).getByRole('listitem');
    this.queue = this.dialog.getByLabel('Queue', { exact: true });
    this.addButton = this.dialog.getByRole('button', { name: /^(Add \d+ to |Select entries to add|Adding)/ });
    this.result = this.dialog.locator('.library-result');
    this.failures = this.dialog.getByRole('list', { name: 'Not added' }).getByRole('listitem');
    this.showMore = this.dialog.getByRole('button', { name: /^Show \d+ more/ });
    this.closeButton = this.dialog.getByRole('button', { name: 'Close' });
  }

  /** The row of an entry, by its exact name. */
  entry(name: string): Locator {
    return this.entries.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The checkbox that selects an entry (named by the entry). */
  checkbox(name: string): Locator {
    return this.dialog.getByRole('checkbox', { name, exact: true });
  }

  format(name: string): Locator {
    return this.dialog.getByLabel(`Format of ${name}`, { exact: true });
  }

  /** The option an entry's format choice shows now. */
  chosenFormat(name: string): Locator {
    return this.format(name).locator('option:checked');
  }

  /** The line under the picker that says why an entry was not added. */
  failure(name: string): Locator {
    return this.failures.filter({ has: this.page.locator('strong').getByText(name, { exact: true }) });
  }

  /** Picks the choice (Original, GLB, Convert to GLB…) an entry is added in, and selects the entry. */
  async choose(name: string, choice: string): Promise<void> {
    await this.format(name).selectOption({ label: choice });
    if (!(await this.checkbox(name).isChecked())) await this.checkbox(name).check();
  }

  /** Selects the entries and adds them in one step. */
  async add(...names: string[]): Promise<void> {
    for (const name of names) if (!(await this.checkbox(name).isChecked())) await this.checkbox(name).check();
    await this.addButton.click();
  }
}
