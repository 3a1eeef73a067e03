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

test('adds and tests echo3D accounts; a refused one says so and Edit fixes it; default and remove', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Accounts');
  const accounts = new AccountsPage(app.page);

  await accounts.label.fill('Studio');
  await accounts.field('API key').fill(fixture.key);
  await accounts.addButton.click();
  await expect(accounts.field('Email')).toHaveAccessibleDescription('Enter the Email.');
  await expect(accounts.field('Email')).toBeFocused();

  await accounts.field('Email').fill(fixture.email);
  await accounts.field('User key').fill(fixture.userKey);
  await accounts.baseUrl.fill(echo3d.baseUrl);
  await accounts.addButton.click();
  await expect(accounts.shownField('Studio', 'API key')).toHaveText('Saved in keychain');
  await expect(accounts.shownField('Studio', 'Email')).toHaveText(fixture.email);
  await expect(accounts.shownField('Studio', 'Secret key')).toHaveText('Not set');
  await expect(accounts.item('Studio')).toContainText('Default');

  await accounts.action('Studio', 'Test').click();
  await expect(accounts.status('Studio')).toHaveText(
    'Signed in to echo3D as ui@example.com: 1 entry in the collection.',
  );

  await accounts.newAccount.click();
  await expect(accounts.platform).toBeFocused();
  await accounts.label.fill('Backup');
  await accounts.field('API key').fill('a-key-echo3D-no-longer-knows');
  await accounts.field('Email').fill(fixture.email);
  await accounts.field('User key').fill(fixture.userKey);
  await accounts.baseUrl.fill(echo3d.baseUrl);
  await accounts.addButton.click();
  await expect(accounts.action('Backup', 'Make default')).toBeVisible();

  await accounts.action('Backup', 'Test').click();
  await expect(accounts.status('Backup')).toContainText(
    'Credentials refused. Replace the API key or User key and check the Email, then Test again.',
  );
  await expect(accounts.status('Backup')).toContainText('echo3D refused the credentials of "Backup" (HTTP 400).');

  await accounts.action('Backup', 'Edit credentials').click();
  await expect(accounts.editField('Backup', 'API key')).toBeFocused();
  await expect(accounts.editField('Backup', 'API key')).toHaveValue('');
  await accounts.editField('Backup', 'API key').fill(fixture.key);
  await accounts.action('Backup', 'Save and test').click();
  await expect(accounts.status('Backup')).toHaveText(
    'Signed in to echo3D as ui@example.com: 1 entry in the collection.',
  );

  await accounts.action('Backup', 'Make default').click();
  await expect(accounts.action('Studio', 'Make default')).toBeVisible();
  await expect(accounts.action('Backup', 'Make default')).toHaveCount(0);

  const html = await app.page.content();
  expect(html).not.toContain(fixture.key);
  expect(html).not.toContain(fixture.userKey);

  await accounts.action('Studio', 'Remove').click();
  await accounts.confirmRemove.click();
  await expect(accounts.item('Studio')).toHaveCount(0);
  await expect(accounts.item('Backup')).toBeVisible();
  expect(app.services.accounts.list().map((account) => account.label)).toEqual(['Backup']);
  expect(app.pageErrors).toEqual([]);
});

test('a download refused for its credentials marks the account until it is fixed', async ({ ferry }) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Accounts');
  const accounts = new AccountsPage(app.page);
  await accounts.label.fill('Studio');
  await accounts.field('API key').fill('stale-key');
  await accounts.field('Email').fill(fixture.email);
  await accounts.field('User key').fill(fixture.userKey);
  await accounts.baseUrl.fill(echo3d.baseUrl);
  await accounts.addButton.click();
  await expect(accounts.item('Studio')).toBeVisible();

  await new AppFrame(app.page).open('Downloads');
  await new DownloadsPage(app.page).add('echo3d:file/sid-1');
  await expect(new DownloadsPage(app.page).status('sid-1')).toHaveText(/refused/i, { timeout: 10_000 });

  await new AppFrame(app.page).open('Accounts');
  await expect(accounts.status('Studio')).toContainText('Credentials refused.');
  await accounts.action('Studio', 'Edit credentials').click();
  await accounts.editField('Studio', 'API key').fill(fixture.key);
  await accounts.action('Studio', 'Save and test').click();
  await expect(accounts.status('Studio')).toContainText('Signed in to echo3D');
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
    await accounts.field('API key').fill(library.key);
    await accounts.field('Email').fill(library.email);
    await accounts.field('User key').fill(library.userKey);
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

test("a notice about an account opens Accounts with that account's card in view, focused and marked", async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const frame = new AppFrame(app.page);
  await frame.open('Accounts');
  const accounts = new AccountsPage(app.page);
  for (const label of ['Studio', 'Archive']) {
    if (label === 'Archive') await accounts.newAccount.click();
    await accounts.label.fill(label);
    await accounts.field('API key').fill(`${label}-key`);
    await accounts.field('Email').fill(fixture.email);
    await accounts.field('User key').fill(fixture.userKey);
    await accounts.baseUrl.fill(echo3d.baseUrl);
    await accounts.addButton.click();
    await expect(accounts.item(label)).toBeVisible();
  }
  await frame.open('Downloads');
  const archive = app.services.accounts.list().find((account) => account.label === 'Archive');
  if (!archive) throw new Error('the Archive account was not saved');
  app.services.reveals.deliver({ kind: 'account', id: archive.id });
  await expect(accounts.item('Archive')).toBeFocused();
  await expect(accounts.item('Archive')).toHaveAttribute('aria-current', 'true');
  await expect(accounts.item('Archive')).toBeInViewport();
  await expect(accounts.item('Studio')).not.toHaveAttribute('aria-current', 'true');
  expect(app.pageErrors).toEqual([]);
});
