import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import type { FaultServer } from '../support/fault-server';
import { expect, test } from './fixtures';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { LibraryPage } from './pages/library-page';

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
  await expect(accounts.alert).toContainText('echo3D accounts need email.');

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

test('browses an account library and downloads an entry in the form picked', async ({ ferry }) => {
  const library: Echo3dFixture = {
    ...fixture,
    files: {
      'sid-chair': { name: 'chair.obj', body: Buffer.from('o chair') },
      'sid-chair-glb': { name: 'chair.glb', body: Buffer.from('glTF chair') },
      'sid-wood': { name: 'wood.png', body: Buffer.from('wood') },
      'sid-lamp': { name: 'lamp.fbx', body: Buffer.from('lamp') },
    },
    entries: {
      'entry-chair': {
        original: 'sid-chair',
        textures: ['sid-wood'],
        tags: 'furniture, wood',
        formats: { glb: 'sid-chair-glb' },
        conversions: {},
      },
      'entry-lamp': { original: 'sid-lamp', tags: 'lights', formats: {}, conversions: {} },
    },
  };
  const studio = await startFakeEcho3d(library);
  try {
    const app = await ferry.launch();
    await new AppFrame(app.page).open('Accounts');
    const accounts = new AccountsPage(app.page);
    await accounts.label.fill('Studio');
    await accounts.field('key').fill(library.key);
    await accounts.field('email').fill(library.email);
    await accounts.field('userKey').fill(library.userKey);
    await accounts.baseUrl.fill(studio.baseUrl);
    await accounts.addButton.click();

    await accounts.item('Studio').getByRole('button', { name: 'Browse' }).click();
    const picker = new LibraryPage(app.page);
    await expect(picker.status).toHaveText('2 entries');
    await expect(picker.entry('chair.obj')).toContainText('furniture, wood');
    await expect(picker.format('lamp.fbx').getByRole('option', { name: 'Convert to GLB' })).toBeAttached();

    await picker.search.fill('WOOD');
    await expect(picker.status).toHaveText('1 of 2 entries match');
    await picker.choose('chair.obj', 'GLB');
    await picker.addButton.click();
    await expect(picker.result).toHaveText('Queued 1 entry in Default.');
    await expect(picker.entry('chair.obj')).toContainText('Queued');
    await picker.choose('chair.obj', 'With textures');
    await picker.addButton.click();
    await picker.closeButton.click();

    await new AppFrame(app.page).open('Downloads');
    const downloads = new DownloadsPage(app.page);
    await expect(downloads.status('chair.glb')).toHaveText('Done', { timeout: 10_000 });
    await expect(downloads.status('wood.png')).toHaveText('Done', { timeout: 10_000 });
    const folder = join(ferry.profileDir, 'Downloads');
    expect(await readFile(join(folder, 'chair.glb'), 'utf8')).toBe('glTF chair');
    expect(app.pageErrors).toEqual([]);
  } finally {
    await studio.server.close();
  }
});
