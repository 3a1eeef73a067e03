import type { Locator, Page } from '@playwright/test';

/** The Accounts section: the account cards, the form that adds one, and the form that edits one. */
export class AccountsPage {
  readonly list: Locator;
  readonly newAccount: Locator;
  readonly platform: Locator;
  readonly label: Locator;
  readonly baseUrl: Locator;
  readonly addButton: Locator;
  readonly alert: Locator;
  readonly removeDialog: Locator;
  readonly confirmRemove: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Accounts' });
    this.newAccount = page.getByRole('button', { name: 'New account' });
    this.platform = page.getByLabel('Platform');
    this.label = page.locator('.account-form').getByLabel('Label', { exact: true });
    this.baseUrl = page.locator('.account-form').getByLabel(/^Base URL/);
    this.addButton = page.getByRole('button', { name: 'Add account' });
    this.alert = page.getByRole('alert');
    this.removeDialog = page.getByRole('alertdialog');
    this.confirmRemove = this.removeDialog.getByRole('button', { name: 'Remove account' });
  }

  /** An input of the add form by its label, e.g. "API key". */
  field(label: string): Locator {
    return this.page.locator('.account-form').getByLabel(label, { exact: true });
  }

  item(label: string): Locator {
    return this.list.getByRole('listitem', { name: label });
  }

  /** What a card shows for one of its fields: a value, "Saved in keychain" or "Not set". */
  shownField(account: string, fieldLabel: string): Locator {
    return this.item(account)
      .locator('.account-fields > div')
      .filter({ has: this.page.getByRole('term').getByText(fieldLabel, { exact: true }) })
      .getByRole('definition');
  }

  /** The card's test result or credentials state. */
  status(account: string): Locator {
    return this.item(account).getByRole('status');
  }

  action(account: string, name: string): Locator {
    return this.item(account).getByRole('button', { name, exact: true });
  }

  /** An input of the edit form open in a card. */
  editField(account: string, label: string): Locator {
    return this.item(account).getByRole('form').getByLabel(label, { exact: true });
  }
}
