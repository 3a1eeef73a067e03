import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import type { FaultServer } from '../support/fault-server';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { tabTo } from './keyboard';
import { shootBothThemes, truncatedWithoutTitle } from './look';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { LibraryPage } from './pages/library-page';

const props = Array.from({ length: 56 }, (_, index) => `prop-${String(index + 1).padStart(2, '0')}`);

const fixture: Echo3dFixture = {
  key: 'lib-api-KEY-777',
  email: 'lib@example.com',
  userKey: 'lib-user-KEY-888',
  files: {
    'sid-chair': { name: 'chair.obj', body: Buffer.from('o chair') },
    'sid-chair-glb': { name: 'chair.glb', body: Buffer.from('glTF chair') },
    'sid-lamp': { name: 'lamp.fbx', body: Buffer.from('fbx lamp') },
    'sid-lamp-glb': { name: 'lamp.glb', body: Buffer.from('glTF lamp') },
    'sid-rock': { name: 'rock.glb', body: Buffer.from('glTF rock') },
    'sid-tree': { name: 'tree.glb', body: Buffer.from('glTF tree') },
    ...Object.fromEntries(props.map((name) => [`sid-${name}`, { name: `${name}.glb`, body: Buffer.from(name) }])),
  },
  entries: {
    'entry-chair': {
      original: 'sid-chair',
      tags: 'furniture, wood',
      formats: { glb: 'sid-chair-glb' },
      conversions: {},
    },
    'entry-lamp': { original: 'sid-lamp', tags: 'lights', formats: {}, conversions: { glb: 'sid-lamp-glb' } },
    'entry-rock': { original: 'sid-rock', tags: 'nature', formats: {}, conversions: {} },
    'entry-tree': { original: 'sid-tree', tags: 'nature', formats: {}, conversions: {} },
    ...Object.fromEntries(
      props.map((name) => [`entry-${name}`, { original: `sid-${name}`, tags: 'props', formats: {}, conversions: {} }]),
    ),
  },
};

let echo3d: { server: FaultServer; baseUrl: string };
test.beforeEach(async () => {
  echo3d = await startFakeEcho3d(fixture);
});
test.afterEach(async () => {
  await echo3d.server.close();
});

test.use({ viewport: { width: 800, height: 600 } });

/** Adds an echo3D account through the Accounts form and opens its library. */
async function browseStudio(app: LaunchedFerry, userKey = fixture.userKey): Promise<LibraryPage> {
  await new AppFrame(app.page).open('Accounts');
  const accounts = new AccountsPage(app.page);
  await accounts.label.fill('Studio');
  await accounts.field('API key').fill(fixture.key);
  await accounts.field('Email').fill(fixture.email);
  await accounts.field('User key').fill(userKey);
  await accounts.baseUrl.fill(echo3d.baseUrl);
  await accounts.addButton.click();
  await accounts.item('Studio').getByRole('button', { name: 'Browse' }).click();
  return new LibraryPage(app.page);
}

test('finds, selects with mouse and keyboard, picks a format and queues several entries in one step', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const picker = await browseStudio(app);
  await expect(picker.search).toBeFocused();
  await expect(picker.status).toHaveText('60 entries, 50 shown');
  await expect(picker.entries).toHaveCount(50);
  await checkAxe(app.page);
  await shoot(app, 'entries');

  await picker.showMore.click();
  await expect(picker.entries).toHaveCount(60);
  await expect(picker.checkbox('prop-47.glb')).toBeFocused();
  await expect(picker.showMore).toHaveCount(0);

  await picker.search.fill('SOFA');
  await expect(picker.status).toHaveText('No entry matches “SOFA”.');
  await shoot(app, 'no-match');
  await picker.dialog.getByRole('button', { name: 'Clear the search' }).click();
  await expect(picker.search).toHaveValue('');
  await expect(picker.search).toBeFocused();
  await picker.search.fill('nature');
  await expect(picker.status).toHaveText('2 of 60 entries match');
  // A new search starts again from the first page.
  await picker.search.fill('');
  await expect(picker.status).toHaveText('60 entries, 50 shown');

  // Keyboard: Ctrl+A takes every row shown; the arrows move, Shift stretches, Space ticks.
  await picker.checkbox('chair.obj').focus();
  await app.page.keyboard.press('Control+a');
  await expect(picker.addButton).toHaveText('Add 50 to Default');
  await picker.entry('chair.obj').getByText('chair.obj').click();
  await expect(picker.addButton).toHaveText('Add 1 to Default');
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('Shift+ArrowDown');
  await expect(picker.checkbox('rock.glb')).toBeFocused();
  await expect(picker.checkbox('lamp.fbx')).toBeChecked();
  await expect(picker.checkbox('chair.obj')).not.toBeChecked();
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('Space');
  await expect(picker.addButton).toHaveText('Add 3 to Default');

  // Mouse: a click picks one, Shift+click a range, Ctrl+click one more or one less.
  await picker.entry('chair.obj').getByText('chair.obj').click();
  await picker
    .entry('rock.glb')
    .getByText('rock.glb')
    .click({ modifiers: ['Shift'] });
  await picker
    .entry('lamp.fbx')
    .getByText('lamp.fbx')
    .click({ modifiers: ['Control'] });
  await picker
    .entry('tree.glb')
    .getByText('tree.glb')
    .click({ modifiers: ['Control'] });
  await expect(picker.addButton).toHaveText('Add 3 to Default');
  await expect(picker.checkbox('lamp.fbx')).not.toBeChecked();
  await picker.choose('lamp.fbx', 'Convert to GLB');
  await picker.choose('chair.obj', 'GLB');
  await expect(picker.addButton).toHaveText('Add 4 to Default');
  await checkAxe(app.page);
  await shoot(app, 'selection');

  await picker.addButton.click();
  await expect(picker.result).toHaveText('Queued 4 entries in Default.');
  await expect(picker.entry('tree.glb')).toContainText('Queued');
  await expect(picker.addButton).toHaveText('Select entries to add');
  await checkAxe(app.page);
  await shoot(app, 'added');
  await app.page.keyboard.press('Escape');
  await expect(picker.dialog).toBeHidden();
  await expect(new AccountsPage(app.page).item('Studio').getByRole('button', { name: 'Browse' })).toBeFocused();

  await new AppFrame(app.page).open('Downloads');
  const downloads = new DownloadsPage(app.page);
  for (const name of ['chair.glb', 'lamp.glb', 'rock.glb', 'tree.glb']) {
    await expect(downloads.status(name)).toHaveText('Done', { timeout: 15_000 });
  }
  await expect(downloads.status('chair.obj')).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('says what went wrong when the platform refuses to list the library', async ({ ferry }) => {
  const app = await ferry.launch();
  const picker = await browseStudio(app, 'not-the-user-key');
  await expect(picker.error).toContainText('echo3D refused the credentials of "Studio" (HTTP 400). Check its key');
  await expect(picker.entries).toHaveCount(0);
  await checkAxe(app.page);
  await shoot(app, 'error');
  await picker.dialog.getByRole('button', { name: 'Try again' }).click();
  await expect(picker.search).toBeFocused();
  await expect(picker.error).toContainText('echo3D refused the credentials of "Studio"');
  await picker.closeButton.click();
  await expect(picker.dialog).toBeHidden();
  expect(app.pageErrors).toEqual([]);
});

test('keyboard only: from Accounts to Browse, search, select, pick a format and Add; the downloads appear', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const { page } = app;
  const fields = { key: fixture.key, email: fixture.email, userKey: fixture.userKey };
  app.services.accounts.create({ provider: 'echo3d', label: 'Studio', baseUrl: echo3d.baseUrl, fields });
  await page.reload();
  const accounts = new AccountsPage(page);
  const picker = new LibraryPage(page);

  await tabTo(page, new AppFrame(page).navButton('Accounts'));
  await page.keyboard.press('Enter');
  await tabTo(page, accounts.action('Studio', 'Browse'));
  await page.keyboard.press('Enter');
  await expect(picker.search).toBeFocused();
  await expect(picker.status).toHaveText('60 entries, 50 shown');

  // The first Tab into the list lands on its first entry; its format choice is the next stop.
  await page.keyboard.press('Tab');
  await expect(picker.checkbox('chair.obj')).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(picker.format('chair.obj')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(picker.chosenFormat('chair.obj')).toHaveText('GLB');

  await tabTo(page, picker.search, true);
  await page.keyboard.type('nature');
  await expect(picker.status).toHaveText('2 of 60 entries match');
  await tabTo(page, picker.checkbox('rock.glb'));
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(picker.checkbox('tree.glb')).toBeFocused();
  await page.keyboard.press('Space');
  // Add takes the selected entries the search shows; clearing it shows the chair again.
  await expect(picker.addButton).toHaveText('Add 2 to Default');
  await tabTo(page, picker.search, true);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await expect(picker.addButton).toHaveText('Add 3 to Default');
  await tabTo(page, picker.addButton);
  await page.keyboard.press('Enter');
  await expect(picker.result).toHaveText('Queued 3 entries in Default.');

  await page.keyboard.press('Escape');
  await expect(picker.dialog).toBeHidden();
  await expect(accounts.action('Studio', 'Browse')).toBeFocused();
  await tabTo(page, new AppFrame(page).navButton('Downloads'), true);
  await page.keyboard.press('Enter');
  const downloads = new DownloadsPage(page);
  for (const name of ['chair.glb', 'rock.glb', 'tree.glb']) {
    await expect(downloads.status(name)).toHaveText('Done', { timeout: 15_000 });
  }
  expect(app.pageErrors).toEqual([]);
});

test('says which entries the platform refused and why, and queues the others', async ({ ferry }) => {
  const gone = 'entry-chair';
  const kept = fixture.entries[gone];
  fixture.entries[gone] = { ...(kept as (typeof fixture.entries)[string]), textures: ['sid-rock'] };
  try {
    const app = await ferry.launch();
    const picker = await browseStudio(app);
    await expect(picker.status).toHaveText('60 entries, 50 shown');
    await picker.choose('chair.obj', 'With textures');
    // Deleted in the echo3D console after the library was listed: adding it with its textures asks for it again.
    delete fixture.entries[gone];
    await picker.add('rock.glb');
    await expect(picker.result).toContainText('Queued 1 entry in Default; 1 could not be added.');
    await expect(picker.failures).toHaveCount(1);
    await expect(picker.failure('chair.obj')).toContainText('echo3D has no entry entry-chair in this collection');
    await expect(picker.checkbox('chair.obj')).toBeChecked();
    await expect(picker.checkbox('rock.glb')).not.toBeChecked();
    await expect(picker.entry('rock.glb')).toContainText('Queued');
    expect(await truncatedWithoutTitle(app.page)).toEqual([]);
    await checkAxe(app.page);
    await shoot(app, 'refused');

    await app.page.keyboard.press('Escape');
    await new AppFrame(app.page).open('Downloads');
    await expect(new DownloadsPage(app.page).status('rock.glb')).toHaveText('Done', { timeout: 15_000 });
    expect(app.services.downloads.list()).toHaveLength(1);
    expect(app.pageErrors).toEqual([]);
  } finally {
    fixture.entries[gone] = kept as (typeof fixture.entries)[string];
  }
});

/** No serious or critical axe violation in the light theme or the dark one. */
async function checkAxe(page: Page) {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((value) => document.documentElement.setAttribute('data-theme', value), theme);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(
      serious.map((violation) => `${theme} ${violation.id}: ${violation.nodes.map((node) => node.target)}`),
    ).toEqual([]);
  }
}

function shoot(app: LaunchedFerry, name: string): Promise<void> {
  return shootBothThemes(app, `library-${name}`);
}
