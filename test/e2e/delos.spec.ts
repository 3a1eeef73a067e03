import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DelosFixture, type FakeDelos, startFakeDelos } from '../support/fake-delos';
import { expect, test } from './fixtures';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { LibraryPage } from './pages/library-page';

const fixture: DelosFixture = {
  login: 'ui-artist',
  password: 'ui-delos-PASSWORD-8080',
  files: {
    brief: { body: Buffer.from('the brief'), contentType: 'application/pdf', name: 'brief.pdf' },
    plan: { body: Buffer.from('the floor plan'), contentType: 'text/plain', name: 'plan.txt', lockedFor: 2 },
  },
};

let delos: FakeDelos;
test.beforeEach(async () => {
  delos = await startFakeDelos(fixture);
});
test.afterEach(async () => {
  await delos.server.close();
});

test('adds a Delos account, which needs its address, and downloads from its library, waiting out a lock', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const frame = new AppFrame(app.page);
  await frame.open('Accounts');
  const accounts = new AccountsPage(app.page);
  await accounts.platform.selectOption('delos');
  await expect(accounts.baseUrl).toHaveAccessibleName('Base URL');
  await accounts.label.fill('Office');
  await accounts.field('Login').fill(fixture.login);
  await accounts.field('Password').fill(fixture.password);
  await accounts.addButton.click();
  await expect(accounts.baseUrl).toHaveAccessibleDescription(
    'Enter the address of your Delos API, such as https://files.example.com.',
  );
  await accounts.baseUrl.fill(delos.baseUrl);
  await accounts.addButton.click();
  await expect(accounts.shownField('Office', 'Password')).toHaveText('Saved in keychain');

  await accounts.item('Office').getByRole('button', { name: 'Browse' }).click();
  const picker = new LibraryPage(app.page);
  await expect(picker.status).toHaveText('2 entries');
  await picker.add('plan.txt', 'brief.pdf');
  await expect(picker.result).toHaveText('Queued 2 entries in Default.');
  await picker.closeButton.click();

  await frame.open('Downloads');
  const downloads = new DownloadsPage(app.page);
  // Named by its id until Delos names it; locked by someone else for a moment.
  await expect(downloads.status('plan')).toHaveText('Waiting: locked');
  await expect(downloads.status('brief.pdf')).toHaveText('Done', { timeout: 10_000 });
  await expect(downloads.status('plan.txt')).toHaveText('Done', { timeout: 15_000 });
  const folder = join(ferry.profileDir, 'Downloads');
  expect(await readFile(join(folder, 'plan.txt'), 'utf8')).toBe('the floor plan');

  const html = await app.page.content();
  for (const secret of [fixture.password, ...delos.issued]) expect(html).not.toContain(secret);
  expect(app.pageErrors).toEqual([]);
});
