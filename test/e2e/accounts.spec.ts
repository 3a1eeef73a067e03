import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import type { FaultServer } from '../support/fault-server';
import { expect, test } from './fixtures';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';

const fixture: Echo3dFixture = {
  key: 'ui-api-KEY-31337',
  email: 'ui@example.com',
  userKey: 'ui-user-KEY-4242',
  files: { 'sid-1': { name: 'lamp.glb', body: Buffer.alloc(100) } },
  entries: { 'entry-lamp': { original: 'sid-1', formats: {}, conversions: {} } },
};

let echo3d: { server: FaultServer; baseUrl: string };
test.beforeEach(async () => {
  echo3d = await startFakeEcho3d(fixture);
});
test.afterEach(async () => {
  await echo3d.server.close();
});

test('adds and tests an echo3D account; its secrets never reach the page', async ({ ferry }) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Accounts');
  const accounts = new AccountsPage(app.page);

  await accounts.label.fill('Studio');
  await accounts.field('key').fill(fixture.key);
  await accounts.addButton.click();
  await expect(accounts.alert).toContainText('echo3d accounts need email.');

  await accounts.field('email').fill(fixture.email);
  await accounts.field('userKey').fill(fixture.userKey);
  await accounts.baseUrl.fill(echo3d.baseUrl);
  await accounts.addButton.click();
  await expect(accounts.item('Studio')).toContainText('key: saved in keychain');
  await expect(accounts.item('Studio')).toContainText('echo3d · default');
  await expect(accounts.field('key')).toHaveValue('');

  await accounts.item('Studio').getByRole('button', { name: 'Test' }).click();
  await expect(accounts.item('Studio').getByRole('status')).toHaveText(
    'Signed in to echo3D as ui@example.com: 1 entry in the collection.',
  );
  await app.page.screenshot({ path: 'test-results/screenshots/accounts.png' });
  const html = await app.page.content();
  expect(html).not.toContain(fixture.key);
  expect(html).not.toContain(fixture.userKey);

  await accounts.item('Studio').getByRole('button', { name: 'Remove' }).click();
  await expect(app.page.getByText('No accounts yet')).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});
