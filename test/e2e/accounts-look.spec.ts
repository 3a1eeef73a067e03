import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { SettingsPage } from './pages/settings-page';

const fixture: Echo3dFixture = {
  key: 'look-api-KEY',
  email: 'studio@example.com',
  userKey: 'look-user-KEY',
  files: {},
  entries: {},
};

test.use({ viewport: { width: 800, height: 600 } });
// Each screenshot is checked by axe in both themes first: several full-page analyses per test.
test.slow();

test('Accounts at 800×600 in light and dark: screenshots, no serious axe violation', async ({ ferry }) => {
  const echo3d = await startFakeEcho3d(fixture);
  try {
    const app = await ferry.launch();
    const frame = new AppFrame(app.page);
    const accounts = new AccountsPage(app.page);
    await frame.open('Accounts');
    await shoot(app, 'accounts-form');

    await addEcho3d(accounts, 'Studio', fixture.key, echo3d.baseUrl);
    await accounts.action('Studio', 'Test').click();
    await expect(accounts.status('Studio')).toContainText('Signed in');
    await accounts.newAccount.click();
    await addEcho3d(accounts, 'Archive', 'revoked-key', echo3d.baseUrl);
    await shoot(app, 'accounts-list');

    await accounts.action('Archive', 'Test').click();
    await expect(accounts.status('Archive')).toContainText('Credentials refused');
    await accounts.item('Archive').scrollIntoViewIfNeeded();
    await shoot(app, 'accounts-refused');

    await accounts.action('Archive', 'Edit credentials').click();
    await shoot(app, 'accounts-edit');
    expect(app.pageErrors).toEqual([]);
  } finally {
    await echo3d.server.close();
  }
});

test('Settings at 800×600 in light and dark: screenshots, no serious axe violation', async ({ ferry }) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Settings');
  const settings = new SettingsPage(app.page);
  await shoot(app, 'settings-top');
  await settings.fileNames.fill('{provider}/{queue}/{name}');
  await settings.templateExample.scrollIntoViewIfNeeded();
  await shoot(app, 'settings-template');
  await settings.parallelDownloads.fill('40');
  await settings.noteFor(settings.parallelDownloads).scrollIntoViewIfNeeded();
  await shoot(app, 'settings-invalid');
  expect(app.pageErrors).toEqual([]);
});

async function addEcho3d(accounts: AccountsPage, label: string, key: string, baseUrl: string) {
  await accounts.label.fill(label);
  await accounts.field('API key').fill(key);
  await accounts.field('Email').fill(fixture.email);
  await accounts.field('User key').fill(fixture.userKey);
  await accounts.baseUrl.fill(baseUrl);
  await accounts.addButton.click();
  await expect(accounts.item(label)).toBeVisible();
}

function shoot(app: LaunchedFerry, name: string): Promise<void> {
  return shootBothThemes(app, name, async (theme) => {
    expect(await seriousViolations(app.page), `${name}, ${theme}`).toEqual([]);
  });
}
