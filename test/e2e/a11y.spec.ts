import { FaultServer } from '../support/fault-server';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations } from './look';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { SettingsPage } from './pages/settings-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

test('announces a finished and a failed download in the live region, once the list has loaded', async ({ ferry }) => {
  server.route('/castle.glb', { body: Buffer.alloc(20_000, 1) });
  server.route('/gone.bin', { status: 404, body: Buffer.from('no such file') });
  const app = await ferry.launch();
  const frame = new AppFrame(app.page);
  const downloads = new DownloadsPage(app.page);
  await expect(frame.announcer).toHaveAttribute('aria-live', 'polite');
  await expect(app.page.locator('[aria-live]')).toHaveCount(1);

  await downloads.add(server.url('/castle.glb'));
  await expect(frame.announcer).toHaveText('Finished: castle.glb', { timeout: 10_000 });
  await downloads.add(server.url('/gone.bin'));
  await expect(frame.announcer).toHaveText('Failed: gone.bin: The server refused the download', { timeout: 10_000 });

  await app.page.reload();
  await expect(downloads.status('castle.glb')).toHaveText('Done');
  await app.page.waitForTimeout(1500);
  await expect(frame.announcer).toHaveText('');
  expect(app.pageErrors).toEqual([]);
});

test('Accounts and Settings have no serious axe violations in either theme', async ({ ferry }) => {
  const app = await ferry.launch();
  const frame = new AppFrame(app.page);
  for (const theme of ['light', 'dark'] as const) {
    await switchTheme(app, theme);
    await frame.open('Accounts');
    await expect(new AccountsPage(app.page).addButton).toBeVisible();
    expect(await seriousViolations(app.page), `Accounts, ${theme}`).toEqual([]);
    await new AccountsPage(app.page).addButton.click();
    await expect(new AccountsPage(app.page).label).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(app.page), `Accounts with an error, ${theme}`).toEqual([]);

    await frame.open('Settings');
    const settings = new SettingsPage(app.page);
    await settings.speedLimit.fill('-5');
    await expect(settings.noteFor(settings.speedLimit)).not.toHaveText(/Now:/);
    expect(await seriousViolations(app.page), `Settings, ${theme}`).toEqual([]);
    await settings.speedLimit.fill('0');
  }
  expect(app.pageErrors).toEqual([]);
});

async function switchTheme(app: LaunchedFerry, theme: 'light' | 'dark') {
  await app.services.settings.update({ theme });
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', theme);
}
