import type { Locator, Page } from '@playwright/test';

/** The add dialog: the links box, each line's verdict, where the downloads go, and Add. */
export class AddDialogPage {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly links: Locator;
  readonly verdicts: Locator;
  readonly queue: Locator;
  readonly changeFolder: Locator;
  readonly unpack: Locator;
  readonly addButton: Locator;
  readonly cancelButton: Locator;
  readonly count: Locator;
  readonly alert: Locator;
  readonly dropOverlay: Locator;
  /** Where these downloads go: the folder picked for this add, or the queue's. */
  readonly destination: Locator;
  readonly useQueueFolder: Locator;
  /** Why a drop added nothing, shown over the window. */
  readonly dropNotice: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: 'Add links…' });
    this.dialog = page.getByRole('dialog', { name: 'Add downloads' });
    this.links = this.dialog.getByLabel('Links to download');
    this.verdicts = this.dialog.getByRole('list', { name: 'What Ferry understood' }).getByRole('listitem');
    this.queue = this.dialog.getByLabel('Queue');
    this.changeFolder = this.dialog.getByRole('button', { name: 'Change folder…' });
    this.unpack = this.dialog.getByLabel('Unpack ZIP and TAR archives when they finish');
    this.addButton = this.dialog.getByRole('button', { name: /^Add( \d+)?$/ });
    this.cancelButton = this.dialog.getByRole('button', { name: 'Cancel' });
    this.count = this.dialog.locator('.add-form-count');
    this.alert = this.dialog.getByRole('alert');
    this.dropOverlay = page.getByTestId('drop-overlay');
    this.destination = this.dialog.getByTestId('add-destination');
    this.useQueueFolder = this.dialog.getByRole('button', { name: 'Use the queue’s folder' });
    this.dropNotice = page.locator('.drop-notice');
  }

  async open(): Promise<void> {
    await this.openButton.click();
  }

  /** Opens the dialog and types the links; the verdicts follow once typing pauses. */
  async fill(text: string): Promise<void> {
    if (!(await this.dialog.isVisible())) await this.open();
    await this.links.fill(text);
  }

  /** The choice of account for a platform's links, by the platform's display name. */
  accountFor(platform: string): Locator {
    return this.dialog.getByLabel(`${platform} links signed by`);
  }

  /** The verdict line of one ref. */
  verdict(ref: string): Locator {
    return this.verdicts.filter({ has: this.page.locator('code').getByText(ref, { exact: true }) });
  }

  /** Drags text over the window without dropping it, so the overlay shows. */
  async dragOver(text: string): Promise<void> {
    const data = await this.page.evaluateHandle((value) => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', value);
      return transfer;
    }, text);
    await this.page.locator('main').dispatchEvent('dragenter', { dataTransfer: data });
    await this.dropOverlay.waitFor();
  }

  /** Drops text or files on the window as a person's drag would, through a real DataTransfer. */
  async drop(content: { text?: string; files?: { name: string; type: string; text: string }[] }): Promise<void> {
    const data = await this.page.evaluateHandle(({ text, files }) => {
      const transfer = new DataTransfer();
      if (text) transfer.setData('text/plain', text);
      for (const file of files ?? []) transfer.items.add(new File([file.text], file.name, { type: file.type }));
      return transfer;
    }, content);
    const target = this.page.locator('main');
    await target.dispatchEvent('dragenter', { dataTransfer: data });
    await this.dropOverlay.waitFor();
    await this.dropOverlay.dispatchEvent('dragover', { dataTransfer: data });
    await this.dropOverlay.dispatchEvent('drop', { dataTransfer: data });
  }
}
