import type { Locator, Page } from '@playwright/test';
import { AppFrame } from './app-frame';

/** The Queues section: the queues on the left, the open queue's settings and its waiting downloads on the right. */
export class QueuesPage {
  readonly frame: AppFrame;
  readonly list: Locator;
  readonly newName: Locator;
  readonly create: Locator;
  readonly newQueueProblem: Locator;
  readonly detail: Locator;
  readonly name: Locator;
  readonly folder: Locator;
  readonly chooseFolder: Locator;
  readonly concurrency: Locator;
  readonly speedLimit: Locator;
  readonly windowOn: Locator;
  readonly windowStart: Locator;
  readonly windowStop: Locator;
  readonly items: Locator;
  readonly moveTarget: Locator;
  readonly alert: Locator;
  readonly deleteDialog: Locator;

  constructor(readonly page: Page) {
    this.frame = new AppFrame(page);
    this.list = page.getByRole('navigation', { name: 'Queues' });
    this.newName = this.list.getByLabel('New queue');
    this.create = this.list.getByRole('button', { name: 'Create' });
    this.newQueueProblem = this.list.locator('.field-problem');
    this.detail = page.locator('.queue-detail');
    this.name = this.detail.getByLabel('Name', { exact: true });
    this.folder = this.detail.locator('.queue-folder > span');
    this.chooseFolder = this.detail.getByRole('button', { name: 'Choose folder…' });
    this.concurrency = this.detail.getByLabel('Files at once');
    this.speedLimit = this.detail.getByLabel('Speed limit (KiB/s)');
    this.windowOn = this.detail.getByLabel('Start downloads only between these times');
    this.windowStart = this.detail.getByLabel('From', { exact: true });
    this.windowStop = this.detail.getByLabel('to', { exact: true });
    this.items = this.detail.locator('.queue-item');
    this.moveTarget = this.detail.getByLabel('To queue');
    this.alert = page.getByRole('alert');
    this.deleteDialog = page.getByRole('alertdialog');
  }

  async open(): Promise<void> {
    await this.frame.open('Queues');
  }

  /** A queue's entry in the list; its text holds the name, the count and the state. */
  queue(name: string): Locator {
    return this.list.getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  async createQueue(name: string): Promise<void> {
    await this.newName.fill(name);
    await this.create.click();
  }

  button(name: string): Locator {
    return this.detail.getByRole('button', { name, exact: true });
  }

  item(name: string): Locator {
    return this.items.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The names of the open queue's downloads, in start order. */
  async itemNames(): Promise<string[]> {
    return this.items.locator('.queue-item-name').allTextContents();
  }

  /** Notes under fields that say what is wrong. */
  problems(): Locator {
    return this.detail.locator('.field-problem');
  }
}
