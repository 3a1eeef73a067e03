import type { Locator, Page } from '@playwright/test';
import { AddDialogPage } from './add-dialog-page';

export type StatusFilterName = 'All' | 'Active' | 'Queued' | 'Done' | 'Failed';

/** The Downloads section: the add dialog it opens, the filters, the list of downloads, its toolbar and totals. */
export class DownloadsPage {
  readonly addDialog: AddDialogPage;
  readonly list: Locator;
  readonly rows: Locator;
  readonly alert: Locator;
  readonly search: Locator;
  readonly platform: Locator;
  readonly sort: Locator;
  readonly toolbar: Locator;
  readonly selectionHint: Locator;
  readonly totals: Locator;
  readonly sparkline: Locator;
  readonly emptyState: Locator;
  readonly removeDialog: Locator;
  readonly deleteFiles: Locator;
  /** What the list last said about a key's action (a retry), for screen readers. */
  readonly notice: Locator;
  readonly moveToQueue: Locator;
  readonly queueMenu: Locator;

  constructor(readonly page: Page) {
    this.addDialog = new AddDialogPage(page);
    this.list = page.getByRole('grid', { name: 'Downloads' });
    this.rows = this.list.getByRole('row');
    this.alert = page.getByRole('alert');
    this.search = page.getByRole('searchbox', { name: 'Search downloads by name' });
    this.platform = page.getByRole('combobox', { name: 'Platform' });
    this.sort = page.getByRole('combobox', { name: 'Sort by' });
    this.toolbar = page.getByRole('toolbar', { name: 'Selected downloads' });
    this.selectionHint = page.locator('.selection-hint');
    this.totals = page.locator('.totals-bar');
    this.sparkline = page.getByRole('img', { name: 'Overall speed over the last minute' });
    this.emptyState = page.locator('.empty-state');
    this.removeDialog = page.getByRole('alertdialog');
    this.deleteFiles = this.removeDialog.getByLabel('Also delete the downloaded files');
    this.notice = page.locator('.list-notice');
    this.moveToQueue = this.toolbar.getByRole('button', { name: 'Move to queue' });
    this.queueMenu = this.toolbar.getByRole('menu');
  }

  /** Adds links through the dialog once each line's verdict is in; the dialog closes when all were good. */
  async add(text: string): Promise<void> {
    const dialog = this.addDialog;
    await dialog.fill(text);
    await dialog.count.filter({ hasText: /ready/ }).waitFor();
    await dialog.addButton.click();
  }

  item(name: string): Locator {
    return this.list.getByRole('row', { name });
  }

  detail(name: string): Locator {
    return this.item(name).locator('.download-detail');
  }

  status(name: string): Locator {
    return this.item(name).locator('.download-status');
  }

  retry(name: string): Locator {
    return this.item(name).getByRole('button', { name: 'Retry' });
  }

  /** The status filter button, whose text ends with its count. */
  filter(name: StatusFilterName): Locator {
    return this.page.getByRole('group', { name: 'Show' }).getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  /** A button of the selection's toolbar. */
  tool(label: string): Locator {
    return this.toolbar.getByRole('button', { name: label, exact: true });
  }

  /** The names of the rows in the DOM, top to bottom (a virtualized list holds only those near the view). */
  async shownNames(): Promise<string[]> {
    return this.rows.locator('.download-name').allTextContents();
  }

  /** Selects one download by clicking it, then presses a toolbar button. */
  async act(name: string, label: string): Promise<void> {
    await this.item(name).click();
    await this.tool(label).click();
  }

  /**
   * Starts counting DOM changes inside each row, by the row's name, while
   * rows stay in place: a row React renders again with the same content makes
   * no change, so a count above zero means its content was written anew.
   * `replaced` names the rows whose element was swapped for another.
   */
  async watchRowChanges(): Promise<{ stop(): Promise<{ changed: Record<string, number>; replaced: string[] }> }> {
    const handle = await this.list.evaluateHandle((grid) => {
      const rows = new Map(Array.from(grid.querySelectorAll('[role="row"]')).map((row) => [row, row.ariaLabel ?? '']));
      const changed: Record<string, number> = {};
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          const target = record.target instanceof Element ? record.target : record.target.parentElement;
          const row = target?.closest('[role="row"]');
          // The row's own position (its style) moves with the list, not with its item.
          if (!row || (record.target === row && record.attributeName === 'style')) continue;
          const name = rows.get(row) ?? row.getAttribute('aria-label') ?? '?';
          changed[name] = (changed[name] ?? 0) + 1;
        }
      });
      observer.observe(grid, { subtree: true, childList: true, characterData: true, attributes: true });
      return {
        stop: () => {
          observer.disconnect();
          const replaced = [...rows].filter(([row]) => !row.isConnected).map(([, name]) => name);
          return { changed, replaced };
        },
      };
    });
    return { stop: () => handle.evaluate((watch) => watch.stop()) };
  }

  async confirmRemove(options: { deleteFiles: boolean }): Promise<void> {
    await this.deleteFiles.setChecked(options.deleteFiles);
    await this.removeDialog.getByRole('button', { name: /^Remove/ }).click();
  }
}
