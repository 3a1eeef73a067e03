import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import { FaultServer } from '../support/fault-server';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { tabTo } from './keyboard';
import { seriousViolations, shootBothThemes } from './look';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { DetailsPanelPage } from './pages/details-panel-page';
import { DownloadsPage } from './pages/downloads-page';
import { SettingsPage } from './pages/settings-page';

const fixture: Echo3dFixture = {
  key: 'walk-api-KEY-1',
  email: 'walk@example.com',
  userKey: 'walk-user-KEY-2',
  files: {},
  entries: {},
};

test('keyboard only: add an account, test it, change a setting', async ({ ferry }) => {
  const echo3d = await startFakeEcho3d(fixture);
  try {
    const app = await ferry.launch();
    const { page } = app;
    const accounts = new AccountsPage(page);
    await tabTo(page, new AppFrame(page).navButton('Accounts'));
    await page.keyboard.press('Enter');

    await tabTo(page, accounts.platform);
    await tabTo(page, accounts.label);
    await page.keyboard.type('Walk');
    const fields: [string, string][] = [
      ['API key', fixture.key],
      ['Email', fixture.email],
      ['User key', fixture.userKey],
    ];
    for (const [label, value] of fields) {
      await tabTo(page, accounts.field(label));
      await page.keyboard.type(value);
    }
    await tabTo(page, accounts.baseUrl);
    await page.keyboard.type(echo3d.baseUrl);
    await page.keyboard.press('Enter');
    await expect(accounts.item('Walk')).toBeVisible();

    await tabTo(page, accounts.action('Walk', 'Test'), true);
    await page.keyboard.press('Space');
    await expect(accounts.status('Walk')).toHaveText(
      'Signed in to echo3D as walk@example.com: 0 entries in the collection.',
    );
    await expect(accounts.action('Walk', 'Test')).toBeFocused();

    await tabTo(page, new AppFrame(page).navButton('Settings'), true);
    await page.keyboard.press('Enter');
    const settings = new SettingsPage(page);
    await tabTo(page, settings.parallelDownloads);
    await page.keyboard.press('ArrowUp');
    await expect(settings.parallelDownloads).toHaveValue('4');
    await expect.poll(() => app.services.settings.get().maxParallelDownloads).toBe(4);
    expect(app.pageErrors).toEqual([]);
  } finally {
    await echo3d.server.close();
  }
});

/** Two echo3D accounts made behind the window's back, then a reload, so the walk starts from a fresh page. */
async function twoAccounts(app: LaunchedFerry): Promise<void> {
  const fields = { key: fixture.key, email: fixture.email, userKey: fixture.userKey };
  app.services.accounts.create({ provider: 'echo3d', label: 'Studio', baseUrl: 'http://127.0.0.1:9', fields });
  app.services.accounts.create({ provider: 'echo3d', label: 'Backup', baseUrl: 'http://127.0.0.1:9', fields });
  await app.page.reload();
}

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('keyboard only: edit an account, make it the default, remove another after its confirmation', async ({
    ferry,
  }) => {
    const app = await ferry.launch();
    await twoAccounts(app);
    const { page } = app;
    const accounts = new AccountsPage(page);
    await tabTo(page, new AppFrame(page).navButton('Accounts'));
    await page.keyboard.press('Enter');

    await tabTo(page, accounts.action('Backup', 'Edit'));
    await page.keyboard.press('Enter');
    await expect(accounts.editField('Backup', 'Label')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Spare');
    await page.keyboard.press('Enter');
    await expect(accounts.item('Spare')).toBeVisible();
    await expect(accounts.action('Spare', 'Edit')).toBeFocused();

    await tabTo(page, accounts.action('Spare', 'Make default'), true);
    await page.keyboard.press('Enter');
    await expect(accounts.action('Studio', 'Make default')).toBeVisible();
    await expect(accounts.action('Spare', 'Make default')).toHaveCount(0);
    await expect(accounts.action('Spare', 'Edit')).toBeFocused();
    expect(app.services.accounts.list().find((account) => account.isDefault)?.label).toBe('Spare');

    await tabTo(page, accounts.action('Studio', 'Remove'));
    await page.keyboard.press('Enter');
    await expect(accounts.confirmRemove).toBeFocused();
    await expect(accounts.removeDialog).toContainText('Remove Studio?');
    await shootBothThemes(app, 'accounts-remove-confirm', async (theme) => {
      expect(await seriousViolations(page), `remove confirmation, ${theme}`).toEqual([]);
    });
    await page.keyboard.press('Enter');
    await expect(accounts.item('Studio')).toHaveCount(0);
    await expect(accounts.newAccount).toBeFocused();
    expect(app.services.accounts.list().map((account) => account.label)).toEqual(['Spare']);
    expect(app.pageErrors).toEqual([]);
  });
});

test('keyboard only: Tab reaches Pause, Resume and Cancel of the selection, and the Details Copy buttons', async ({
  ferry,
}) => {
  const server = await FaultServer.start();
  try {
    server.route('/slow.bin', { body: Buffer.alloc(3_000_000, 5), bytesPerSecond: 100_000, etag: '"slow"' });
    const app = await ferry.launch();
    const { page } = app;
    const downloads = new DownloadsPage(page);
    const details = new DetailsPanelPage(page);
    await app.services.downloads.add({ refs: [server.url('/slow.bin')] });
    await expect(downloads.status('slow.bin')).toHaveText('Downloading', { timeout: 10_000 });

    await tabTo(page, downloads.list);
    await page.keyboard.press('ArrowDown');
    await expect(downloads.item('slow.bin')).toHaveAttribute('aria-selected', 'true');
    await tabTo(page, downloads.tool('Pause'), true);
    await page.keyboard.press('Enter');
    await expect(downloads.status('slow.bin')).toHaveText('Paused');
    await expect(downloads.tool('Resume')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(downloads.status('slow.bin')).not.toHaveText('Paused');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await tabTo(page, details.copySource);
    await page.keyboard.press('Enter');
    await expect(details.panel.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(server.url('/slow.bin'));

    await tabTo(page, downloads.tool('Cancel'), true);
    await page.keyboard.press('Enter');
    await expect(downloads.status('slow.bin')).toHaveText('Canceled');
    const folder = join(ferry.profileDir, 'Downloads');
    // Canceling drops what was received: neither the file nor its part is left.
    await expect.poll(() => readdir(folder).catch(() => [])).toEqual([]);
    expect(app.services.downloads.list()[0]?.status).toBe('canceled');
    expect(app.pageErrors).toEqual([]);
  } finally {
    await server.close();
  }
});
