import type { Locator, Page } from '@playwright/test';
import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import { expect, test } from './fixtures';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { SettingsPage } from './pages/settings-page';

const fixture: Echo3dFixture = {
  key: 'walk-api-KEY-1',
  email: 'walk@example.com',
  userKey: 'walk-user-KEY-2',
  files: {},
  entries: {},
};

/** Presses Tab (Shift+Tab backwards) until the target holds the focus: what a keyboard user does. */
async function tabTo(page: Page, target: Locator, backwards = false) {
  for (let presses = 0; presses < 60; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

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
