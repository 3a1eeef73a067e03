import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { tabTo } from './keyboard';
import { seriousViolations, shootBothThemes, truncatedWithoutTitle } from './look';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { FirstRunPage } from './pages/first-run-page';

test('welcomes a new profile once: the folder chosen there is saved, Start leads to Downloads', async ({ ferry }) => {
  const app = await ferry.launch({ firstRun: true });
  const welcome = new FirstRunPage(app.page);
  await expect(welcome.heading).toBeVisible();
  await expect(welcome.folder).toHaveText(join(ferry.profileDir, 'Downloads'));

  const chosen = join(ferry.profileDir, 'Assets');
  ferry.desktop.nextFolder = chosen;
  await welcome.chooseFolder.click();
  await expect(welcome.folder).toHaveText(chosen);
  await welcome.start.click();
  await expect(new AppFrame(app.page).heading).toHaveText('Downloads');
  await expect(new DownloadsPage(app.page).emptyState).toBeVisible();
  // The window shows the change at once; the main process saves it a moment later.
  await expect.poll(() => app.services.settings.get()).toMatchObject({ downloadDir: chosen, firstRunDone: true });
  await app.close();

  const again = await ferry.launch({ firstRun: true });
  await expect(new AppFrame(again.page).heading).toHaveText('Downloads');
  await expect(new FirstRunPage(again.page).heading).toHaveCount(0);
  expect(again.pageErrors).toEqual([]);
});

test('Skip keeps the default folder and is not asked again', async ({ ferry }) => {
  const app = await ferry.launch({ firstRun: true });
  const welcome = new FirstRunPage(app.page);
  await welcome.skip.click();
  await expect(new AppFrame(app.page).heading).toHaveText('Downloads');
  await expect
    .poll(() => app.services.settings.get())
    .toMatchObject({
      downloadDir: join(ferry.profileDir, 'Downloads'),
      firstRunDone: true,
    });
  await app.close();
  const again = await ferry.launch({ firstRun: true });
  await expect(new AppFrame(again.page).heading).toHaveText('Downloads');
});

test('leads to Accounts or to the Add dialog, and a paste goes straight to the Add dialog', async ({ ferry }) => {
  const app = await ferry.launch({ firstRun: true });
  const welcome = new FirstRunPage(app.page);
  await welcome.addAccount.click();
  await expect(new AppFrame(app.page).heading).toHaveText('Accounts');
  await app.close();

  const fresh = await ferry.launch({ firstRun: true });
  await fresh.services.settings.update({ firstRunDone: false });
  const downloads = new DownloadsPage(fresh.page);
  await new FirstRunPage(fresh.page).pasteLink.click();
  await expect(downloads.addDialog.dialog).toBeVisible();
  await downloads.addDialog.cancelButton.click();
  await expect(new AppFrame(fresh.page).heading).toHaveText('Downloads');
  await fresh.close();

  const pasting = await ferry.launch({ firstRun: true });
  await pasting.services.settings.update({ firstRunDone: false });
  await expect(new FirstRunPage(pasting.page).heading).toBeVisible();
  await pasteFromClipboard(pasting.page, 'https://example.com/castle.glb');
  const dialog = new DownloadsPage(pasting.page).addDialog;
  await expect(dialog.links).toHaveValue('https://example.com/castle.glb');
  await expect.poll(() => pasting.services.settings.get().firstRunDone).toBe(true);
  expect(pasting.pageErrors).toEqual([]);
});

test('keyboard only: choose the folder, then paste a first link and add it', async ({ ferry }) => {
  const app = await ferry.launch({ firstRun: true });
  const { page } = app;
  const welcome = new FirstRunPage(page);
  const dialog = new DownloadsPage(page).addDialog;
  const chosen = join(ferry.profileDir, 'Assets');
  ferry.desktop.nextFolder = chosen;

  await tabTo(page, welcome.chooseFolder);
  await page.keyboard.press('Enter');
  await expect(welcome.folder).toHaveText(chosen);
  await expect(welcome.chooseFolder).toBeFocused();
  await tabTo(page, welcome.pasteLink);
  await page.keyboard.press('Enter');
  await expect(dialog.links).toBeFocused();
  await page.keyboard.type('https://127.0.0.1:9/first.glb');
  await expect(dialog.count).toHaveText('1 ready');
  await tabTo(page, dialog.addButton);
  await page.keyboard.press('Enter');
  await expect(dialog.dialog).toBeHidden();
  await expect(new DownloadsPage(page).item('first.glb')).toBeVisible();
  expect(app.services.downloads.list()[0]?.directory).toBe(chosen);
  expect(app.services.settings.get()).toMatchObject({ downloadDir: chosen, firstRunDone: true });
  expect(app.pageErrors).toEqual([]);
});

test('keyboard only: Skip', async ({ ferry }) => {
  const app = await ferry.launch({ firstRun: true });
  const welcome = new FirstRunPage(app.page);
  await tabTo(app.page, welcome.skip);
  await app.page.keyboard.press('Enter');
  await expect(new DownloadsPage(app.page).emptyState).toBeVisible();
  await expect.poll(() => app.services.settings.get().firstRunDone).toBe(true);
});

test('has no serious or critical accessibility problems', async ({ ferry }) => {
  const app = await ferry.launch({ firstRun: true });
  await expect(new FirstRunPage(app.page).heading).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await app.services.settings.update({ theme });
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await seriousViolations(app.page)).toEqual([]);
  }
});

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('screenshots of the welcome in light and dark', async ({ ferry }) => {
    const app = await ferry.launch({ firstRun: true });
    await expect(new FirstRunPage(app.page).heading).toBeVisible();
    expect(await truncatedWithoutTitle(app.page)).toEqual([]);
    await shoot(app);
    expect(app.pageErrors).toEqual([]);
  });
});

function shoot(app: LaunchedFerry): Promise<void> {
  return shootBothThemes(app, 'first-run');
}

/** Ctrl+V on the freshly loaded window, the keyboard's focus still on the page itself. */
async function pasteFromClipboard(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('ControlOrMeta+V');
}
