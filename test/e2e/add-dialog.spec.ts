import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { FaultServer } from '../support/fault-server';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { DownloadsPage } from './pages/downloads-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

const BAD = ['ftp://old.example.com/file.zip', 'scenario:asset/a1?format=bmp', 'cid:Qmnotacid'];

/** A Scenario account whose API is a closed loopback port: the preview names it, and no request leaves the machine. */
function addScenarioAccount(app: { services: { accounts: { create(input: object): unknown } } }) {
  app.services.accounts.create({
    provider: 'scenario',
    label: 'Art team',
    baseUrl: 'http://127.0.0.1:9',
    fields: { apiKey: 'k', apiSecret: 'add-dialog-secret' },
  });
}

/** Ctrl+V on the freshly loaded window, the keyboard's focus still on the page itself: no click first. */
async function pasteFromClipboard(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('ControlOrMeta+V');
}

test('ctrl+V outside a text field opens the dialog with the paste, verdict by verdict; Add queues only the good lines', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  addScenarioAccount(app);
  const downloads = new DownloadsPage(app.page);
  const dialog = downloads.addDialog;
  const good = [server.url('/a.bin'), server.url('/b.bin'), 'scenario:asset/a1', 'delos:file/file_1'];
  await pasteFromClipboard(app.page, [good[0], BAD[0], good[1], BAD[1], good[2], BAD[2], good[3]].join('\n'));

  await expect(dialog.dialog).toBeVisible();
  await expect(dialog.verdicts).toHaveCount(7);
  await expect(dialog.count).toHaveText('4 ready, 3 cannot be added');
  await expect(dialog.verdict(good[0] as string)).toContainText('Direct link file');
  await expect(dialog.verdict('scenario:asset/a1')).toContainText('Scenario asset · signed by “Art team”');
  await expect(dialog.verdict('delos:file/file_1')).toContainText('no Delos account yet: add one in Accounts');
  await expect(dialog.verdict(BAD[0] as string)).toContainText('is not something Ferry can download');
  await expect(dialog.verdict(BAD[1] as string)).toContainText('"bmp" is not a format Scenario converts to');
  await expect(dialog.verdict(BAD[2] as string)).toContainText('does not hold a valid CID');

  await dialog.dialog.getByLabel('Format of scenario:asset/a1').selectOption('png');
  await expect(dialog.links).toContainText('scenario:asset/a1?format=png');
  await expect(dialog.verdict('scenario:asset/a1?format=png')).toBeVisible();
  await app.page.setViewportSize({ width: 800, height: 600 });
  await shootBothThemes(app, 'add-dialog-verdicts');

  await dialog.addButton.click();
  await expect(dialog.links).toHaveValue(BAD.join('\n'));
  await expect(dialog.count).toHaveText('0 ready, 3 cannot be added');
  const queued = app.services.downloads.list().map((download) => download.ref);
  expect(queued.sort()).toEqual([good[0], good[1], 'delos:file/file_1', 'scenario:asset/a1?format=png'].sort());
  expect(app.pageErrors).toEqual([]);
});

test('a paste into a text field stays a paste', async ({ ferry }) => {
  const app = await ferry.launch();
  await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const field = app.page.getByLabel('IPFS gateways');
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.page.evaluate(() => navigator.clipboard.writeText('https://gateway.example'));
  await field.click();
  await app.page.keyboard.press('ControlOrMeta+V');
  await expect(field).toHaveValue(/https:\/\/gateway\.example/);
  await expect(new DownloadsPage(app.page).addDialog.dialog).toBeHidden();
});

test('dropping text opens the dialog with it, and the overlay shows while dragging', async ({ ferry }) => {
  const app = await ferry.launch();
  const dialog = new DownloadsPage(app.page).addDialog;
  const links = [server.url('/one.bin'), server.url('/two.bin')];
  await dialog.drop({ text: links.join('\n') });
  await expect(dialog.dropOverlay).toBeHidden();
  await expect(dialog.links).toHaveValue(links.join('\n'));
  await expect(dialog.count).toHaveText('2 ready');
  await dialog.addButton.click();
  await expect(dialog.dialog).toBeHidden();
  expect(app.services.downloads.list()).toHaveLength(2);
});

test('dropping .txt and .csv lists takes their links, and says which files it left out', async ({ ferry }) => {
  const app = await ferry.launch();
  const dialog = new DownloadsPage(app.page).addDialog;
  const txt = `# models for Friday\n${server.url('/castle.glb')}\n\n${server.url('/tower.glb')}\n`;
  const csv = `name,link,notes\ncastle,"${server.url('/castle.png')}",first draft\n"tower, tall",delos:file/f_2,\n`;
  await dialog.drop({
    files: [
      { name: 'links.txt', type: 'text/plain', text: txt },
      { name: 'sheet.csv', type: 'text/csv', text: csv },
      { name: 'photo.png', type: 'image/png', text: 'png' },
    ],
  });
  await expect(dialog.links).toHaveValue(
    [server.url('/castle.glb'), server.url('/tower.glb'), server.url('/castle.png'), 'delos:file/f_2'].join('\n'),
  );
  await expect(dialog.alert).toContainText('Ferry left out “photo.png”');
  await expect(dialog.count).toHaveText('4 ready');
});

test('works from the keyboard alone: open, type, pick, add, and Escape closes', async ({ ferry }) => {
  const app = await ferry.launch();
  const { page } = app;
  const dialog = new DownloadsPage(page).addDialog;
  for (let presses = 0; presses < 12 && !(await isFocused(dialog.openButton)); presses++)
    await page.keyboard.press('Tab');
  await expect(dialog.openButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.links).toBeFocused();
  await page.keyboard.type(server.url('/typed.bin'));
  await expect(dialog.count).toHaveText('1 ready');

  await page.keyboard.press('Tab');
  await expect(dialog.queue).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.changeFolder).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.unpack).toBeFocused();
  await page.keyboard.press('Space');
  await expect(dialog.unpack).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(dialog.cancelButton).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.addButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.dialog).toBeHidden();
  await expect(dialog.openButton).toBeFocused();
  expect(app.services.downloads.list().map((download) => download.unpack)).toEqual([true]);

  await page.keyboard.press('Enter');
  await expect(dialog.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog.dialog).toBeHidden();
});

test('the open dialog has no serious accessibility problems, in light and dark, at 800×600', async ({ ferry }) => {
  const app = await ferry.launch();
  addScenarioAccount(app);
  const { page } = app;
  await page.setViewportSize({ width: 800, height: 600 });
  const dialog = new DownloadsPage(page).addDialog;
  for (const theme of ['light', 'dark'] as const) {
    await app.services.settings.update({ theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await dialog.open();
    await page.screenshot({ path: `test-results/screenshots/add-dialog-empty-${theme}.png` });
    await dialog.links.fill([server.url('/castle.glb'), 'scenario:asset/a1', 'delos:file/f1', BAD[0]].join('\n'));
    await expect(dialog.verdicts).toHaveCount(4);
    const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    const serious = results.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''));
    const described = serious.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.failureSummary ?? '').join(' | ')}`,
    );
    expect(described).toEqual([]);
    await dialog.cancelButton.click();
  }
  expect(app.pageErrors).toEqual([]);
});

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('the drop overlay, shown while something is dragged over the window, in light and dark with no axe problem', async ({
    ferry,
  }) => {
    const app = await ferry.launch();
    const dialog = new DownloadsPage(app.page).addDialog;
    await dialog.dragOver('https://example.com/a.bin');
    await shootBothThemes(app, 'drop-overlay', async (theme) => {
      expect(await seriousViolations(app.page), `drop overlay, ${theme}`).toEqual([]);
    });
    await dialog.dropOverlay.dispatchEvent('dragleave');
    await expect(dialog.dropOverlay).toBeHidden();
    expect(app.pageErrors).toEqual([]);
  });
});

function isFocused(locator: import('@playwright/test').Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}
