import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FakeScenario, type ScenarioFixture, startFakeScenario } from '../support/fake-scenario';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes, truncatedWithoutTitle } from './look';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { LibraryPage } from './pages/library-page';
import { SettingsPage } from './pages/settings-page';

const fixture: ScenarioFixture = {
  apiKey: 'ui-scn-key',
  apiSecret: 'ui-scn-SECRET-5150',
  assets: [
    { id: 'a1', name: 'castle.png', mimeType: 'image/png', body: Buffer.from('png castle'), prompt: 'castle', seed: 1 },
    { id: 'a2', name: 'tower.glb', mimeType: 'model/gltf-binary', body: Buffer.from('glb tower'), kind: '3d' },
  ],
  jobStatuses: ['queued', 'success'],
  maxPageSize: 1,
};

let scenario: FakeScenario;
test.beforeEach(async () => {
  scenario = await startFakeScenario(fixture);
});
test.afterEach(async () => {
  await scenario.server.close();
});

test('adds a Scenario account, picks a format from its library, and unpacks a pasted batch', async ({ ferry }) => {
  const app = await ferry.launch();
  const frame = new AppFrame(app.page);
  await frame.open('Accounts');
  const accounts = new AccountsPage(app.page);
  await accounts.platform.selectOption('scenario');
  await accounts.label.fill('Studio');
  await accounts.field('API key').fill(fixture.apiKey);
  await accounts.field('API secret').fill(fixture.apiSecret);
  await accounts.baseUrl.fill(scenario.baseUrl);
  await accounts.addButton.click();
  await expect(accounts.shownField('Studio', 'API secret')).toHaveText('Saved in keychain');

  await accounts.item('Studio').getByRole('button', { name: 'Browse' }).click();
  const picker = new LibraryPage(app.page);
  await expect(picker.status).toHaveText('2 entries');
  await picker.choose('tower.glb', 'FBX');
  await picker.addButton.click();
  await expect(picker.result).toHaveText('Queued 1 entry in Default.');
  await picker.closeButton.click();

  await frame.open('Downloads');
  const downloads = new DownloadsPage(app.page);
  await expect(downloads.status('tower.fbx')).toHaveText('Done', { timeout: 10_000 });
  const folder = join(ferry.profileDir, 'Downloads');
  expect(await readFile(join(folder, 'tower.fbx'), 'utf8')).toBe('fbx:glb tower');

  // The box is left as the settings have it (unpacking off): a batch unpacks all the same.
  const dialog = downloads.addDialog;
  await dialog.fill('scenario:batch?assets=a1');
  await expect(dialog.unpack).not.toBeChecked();
  await expect(dialog.verdict('scenario:batch?assets=a1')).toContainText(
    'Scenario batch (one ZIP) · signed by “Studio”',
  );
  await dialog.addButton.click();
  await expect(downloads.status('job-1.zip')).toHaveText('Done', { timeout: 10_000 });
  await expect(downloads.detail('job-1.zip')).toContainText('unpacked to assets');
  expect(await readdir(join(folder, 'assets'))).toEqual(['castle-1-1.png']);
  expect(await readdir(folder)).not.toContain('job-1.zip');

  const html = await app.page.content();
  expect(html).not.toContain(fixture.apiSecret);
  expect(app.pageErrors).toEqual([]);
});

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('a batch shows its job’s status while Scenario prepares the ZIP', async ({ ferry }) => {
    // A job that never finishes within the test: the row keeps waiting for the checks and the screenshots.
    const pending = await startFakeScenario({ ...fixture, jobStatuses: ['in-progress'] });
    try {
      const app = await ferry.launch();
      app.services.accounts.create({
        provider: 'scenario',
        label: 'Studio',
        baseUrl: pending.baseUrl,
        fields: { apiKey: fixture.apiKey, apiSecret: fixture.apiSecret },
      });
      await app.services.downloads.add({ refs: ['scenario:batch?assets=a1,a2'] });
      const downloads = new DownloadsPage(app.page);
      const row = downloads.rows.first();
      await expect(row.locator('.download-status')).toHaveText('Waiting: Scenario is preparing the ZIP (in-progress)', {
        timeout: 10_000,
      });
      await expect(row.locator('.download-status')).toHaveAttribute(
        'title',
        'Waiting: Scenario is preparing the ZIP (in-progress)',
      );
      expect(await truncatedWithoutTitle(app.page)).toEqual([]);
      await shootBothThemes(app, 'downloads-batch-waiting', async () => {
        expect(await seriousViolations(app.page)).toEqual([]);
      });
      expect(app.pageErrors).toEqual([]);
    } finally {
      await pending.server.close();
    }
  });
});

test('keeps the Scenario batch wait setting, refusing a wait under three seconds', async ({ ferry }) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Settings');
  const settings = new SettingsPage(app.page);
  const wait = app.page.getByLabel('Scenario batch wait (minutes)');
  await expect(wait).toHaveValue('30');
  await wait.fill('0');
  await expect(settings.noteFor(wait)).toHaveText('Wait at least 0.05 minutes (3 seconds) for a Scenario batch.');
  await wait.fill('45');
  await expect(settings.saveStatus).toContainText('Saved');
  expect(app.pageErrors).toEqual([]);
});
