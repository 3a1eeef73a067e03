import type { Locator, Page } from '@playwright/test';

/** The Downloads section: the box for links and the list of downloads. */
export class DownloadsPage {
  readonly links: Locator;
  readonly addButton: Locator;
  readonly unpack: Locator;
  readonly list: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.links = page.getByLabel('Links to download');
    this.addButton = page.getByRole('button', { name: 'Add', exact: true });
    this.unpack = page.getByLabel('Unpack ZIP and TAR archives when they finish');
    this.list = page.getByRole('list', { name: 'Downloads' });
    this.alert = page.getByRole('alert');
  }

  async add(text: string): Promise<void> {
    await this.links.fill(text);
    await this.addButton.click();
  }

  detail(name: string): Locator {
    return this.item(name).locator('.download-detail');
  }

  item(name: string): Locator {
    return this.list.getByRole('listitem', { name });
  }

  status(name: string): Locator {
    return this.item(name).locator('.download-status');
  }

  action(name: string, label: string): Locator {
    return this.item(name).getByRole('button', { name: label });
  }
}
