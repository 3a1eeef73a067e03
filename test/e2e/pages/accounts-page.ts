import type { Locator, Page } from '@playwright/test';

/** The Accounts section: the list and the form that adds one. */
export class AccountsPage {
  readonly list: Locator;
  readonly platform: Locator;
  readonly label: Locator;
  readonly baseUrl: Locator;
  readonly addButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Accounts' });
    this.platform = page.getByLabel('Platform');
    this.label = page.getByLabel('Label', { exact: true });
    this.baseUrl = page.getByLabel(/^Base URL/);
    this.addButton = page.getByRole('button', { name: 'Add account' });
    this.alert = page.getByRole('alert');
  }

  field(name: string): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  item(label: string): Locator {
    return this.list.getByRole('listitem', { name: label });
  }
}
