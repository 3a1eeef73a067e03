import type { Locator, Page } from '@playwright/test';
import { AddDialogPage } from './add-dialog-page';

/** The Downloads section: the add dialog it opens and the list of downloads. */
export class DownloadsPage {
  readonly addDialog: AddDialogPage;
  readonly list: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.addDialog = new AddDialogPage(page);
    this.list = page.getByRole('list', { name: 'Downloads' });
    this.alert = page.getByRole('alert');
  }

  /** Adds links through the dialog once each line's verdict is in; the dialog closes when all were good. */
  async add(text: string): Promise<void> {
    const dialog = this.addDialog;
    await dialog.fill(text);
    await dialog.count.filter({ hasText: /ready/ }).waitFor();
    await dialog.addButton.click();
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
