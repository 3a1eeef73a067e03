import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultServer } from '../support/fault-server';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes, truncatedWithoutTitle } from './look';
import { DownloadsPage } from './pages/downloads-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

/** Finished files of a few sizes: a model, a texture and a document. */
function serveFinished() {
  server.route('/a-castle.glb', { body: Buffer.alloc(30_000, 1) });
  server.route('/b-texture.png', { body: Buffer.alloc(10_000, 2) });
  server.route('/c-brief.pdf', { body: Buffer.alloc(20_000, 3) });
}

async function addFinished(downloads: DownloadsPage) {
  serveFinished();
  await downloads.add(['/a-castle.glb', '/b-texture.png', '/c-brief.pdf'].map((path) => server.url(path)).join('\n'));
  for (const name of ['a-castle.glb', 'b-texture.png', 'c-brief.pdf']) {
    await expect(downloads.status(name)).toHaveText('Done', { timeout: 10_000 });
  }
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

test('lists 2,000 downloads keeping only a window of rows in the page', async ({ ferry }) => {
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const refs = Array.from({ length: 2000 }, (_, n) => server.url(`/many/file-${String(n).padStart(4, '0')}.bin`));
  await app.services.downloads.add({ refs });
  await app.services.downloads.control({ action: 'pause', ids: 'all' });

  await expect(downloads.filter('All')).toHaveText('All 2000');
  await expect(downloads.list).toHaveAttribute('aria-rowcount', '2000');
  expect(await downloads.rows.count()).toBeLessThan(40);
  await expect(downloads.rows.first()).toHaveAccessibleName('file-1999.bin');

  await downloads.list.focus();
  await downloads.list.press('End');
  await expect(downloads.item('file-0000.bin')).toHaveAttribute('aria-selected', 'true');
  await expect(downloads.item('file-1999.bin')).toHaveCount(0);
  expect(await downloads.rows.count()).toBeLessThan(40);
  expect(app.pageErrors).toEqual([]);
});

test('filters by status with counts, counts platforms, searches by name and sorts', async ({ ferry }) => {
  server.route('/gone.bin', { status: 404, body: Buffer.from('no such file') });
  server.route('/d-slow.bin', { body: Buffer.alloc(2_000_000, 4), bytesPerSecond: 100_000, etag: '"d"' });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await addFinished(downloads);
  await downloads.add(`${server.url('/gone.bin')}\n${server.url('/d-slow.bin')}`);
  await expect(downloads.status('gone.bin')).toHaveText('The server refused the download', { timeout: 10_000 });
  await expect(downloads.status('d-slow.bin')).toHaveText('Downloading');

  await expect(downloads.filter('All')).toHaveText('All 5');
  await expect(downloads.filter('Active')).toHaveText('Active 1');
  await expect(downloads.filter('Done')).toHaveText('Done 3');
  await expect(downloads.filter('Failed')).toHaveText('Failed 1');
  await downloads.filter('Done').click();
  await expect(downloads.filter('Done')).toHaveAttribute('aria-pressed', 'true');
  expect(await downloads.shownNames()).toEqual(['c-brief.pdf', 'b-texture.png', 'a-castle.glb']);
  await expect(downloads.platform.locator('option')).toHaveText(['All platforms', 'Direct link (3)']);

  await app.page.keyboard.press('Control+f');
  await expect(downloads.search).toBeFocused();
  await app.page.keyboard.type('TEXTURE');
  expect(await downloads.shownNames()).toEqual(['b-texture.png']);
  await expect(downloads.filter('All')).toHaveText('All 1');

  await downloads.search.fill('nothing like this');
  await expect(downloads.emptyState.getByRole('heading')).toHaveText('Nothing matches');
  await downloads.emptyState.getByRole('button', { name: 'Show all downloads' }).click();
  await expect(downloads.search).toHaveValue('');
  await expect(downloads.rows).toHaveCount(5);

  await downloads.sort.selectOption({ label: 'Name' });
  expect(await downloads.shownNames()).toEqual([
    'a-castle.glb',
    'b-texture.png',
    'c-brief.pdf',
    'd-slow.bin',
    'gone.bin',
  ]);
  await downloads.sort.selectOption({ label: 'Largest first' });
  expect((await downloads.shownNames()).slice(0, 2)).toEqual(['d-slow.bin', 'a-castle.glb']);
  await downloads.sort.selectOption({ label: 'Most progress' });
  expect((await downloads.shownNames()).slice(3)).toEqual(['d-slow.bin', 'gone.bin']);
  expect(app.pageErrors).toEqual([]);
});

test('selects with shift and ctrl, pauses and resumes the selection, removes it with its files', async ({ ferry }) => {
  for (const name of ['p1', 'p2', 'p3']) {
    server.route(`/${name}.bin`, { body: Buffer.alloc(3_000_000, 5), bytesPerSecond: 150_000, etag: `"${name}"` });
  }
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await addFinished(downloads);
  await downloads.add(['p1', 'p2', 'p3'].map((name) => server.url(`/${name}.bin`)).join('\n'));
  for (const name of ['p1.bin', 'p2.bin', 'p3.bin']) await expect(downloads.status(name)).toHaveText('Downloading');

  await downloads.item('p3.bin').click();
  await downloads.item('p1.bin').click({ modifiers: ['Shift'] });
  await expect(downloads.toolbar).toContainText('3 selected');
  await expect(downloads.tool('Open')).toHaveCount(0);
  await expect(downloads.tool('Resume')).toHaveCount(0);
  await downloads.tool('Pause').click();
  for (const name of ['p1.bin', 'p2.bin', 'p3.bin']) await expect(downloads.status(name)).toHaveText('Paused');
  await expect(downloads.tool('Pause')).toHaveCount(0);
  await downloads.tool('Resume').click();
  for (const name of ['p1.bin', 'p2.bin', 'p3.bin']) await expect(downloads.status(name)).not.toHaveText('Paused');

  await downloads.item('a-castle.glb').click();
  await downloads.item('c-brief.pdf').click({ modifiers: ['ControlOrMeta'] });
  await expect(downloads.toolbar).toContainText('2 selected');
  await expect(downloads.tool('Pause')).toHaveCount(0);
  await downloads.tool('Remove…').click();
  await expect(downloads.removeDialog.getByRole('heading')).toHaveText('Remove 2 downloads?');
  await downloads.confirmRemove({ deleteFiles: true });
  await expect(downloads.item('a-castle.glb')).toHaveCount(0);
  await expect(downloads.item('c-brief.pdf')).toHaveCount(0);
  await expect(downloads.item('b-texture.png')).toHaveCount(1);
  const folder = join(ferry.profileDir, 'Downloads');
  await expect.poll(() => exists(join(folder, 'a-castle.glb'))).toBe(false);
  expect(await exists(join(folder, 'b-texture.png'))).toBe(true);
  expect(app.pageErrors).toEqual([]);
});

test('walks the list with the keyboard alone: arrows, shift, space, enter, delete and R to retry', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await addFinished(downloads);
  const { keyboard } = app.page;

  await keyboard.press('Control+f');
  await keyboard.press('Tab');
  await keyboard.press('Tab');
  await expect(downloads.list).toBeFocused();
  await keyboard.press('ArrowDown');
  await expect(downloads.item('c-brief.pdf')).toHaveAttribute('aria-selected', 'true');
  await expect(downloads.list).toHaveAttribute('aria-activedescendant', /download-row-/);
  await keyboard.press('ArrowDown');
  await keyboard.press('Shift+ArrowDown');
  await expect(downloads.toolbar).toContainText('2 selected');
  await expect(downloads.item('c-brief.pdf')).toHaveAttribute('aria-selected', 'false');
  await keyboard.press(' ');
  await expect(downloads.toolbar).toContainText('1 selected');
  await expect(downloads.item('a-castle.glb')).toHaveAttribute('aria-selected', 'false');

  await keyboard.press('Enter');
  await expect.poll(() => ferry.desktop.opened).toEqual([join(ferry.profileDir, 'Downloads', 'a-castle.glb')]);

  await keyboard.press('ArrowUp');
  await keyboard.press('Delete');
  await expect(downloads.removeDialog.getByRole('heading')).toHaveText('Remove "b-texture.png"?');
  await keyboard.press('Enter');
  await expect(downloads.removeDialog).toHaveCount(0);
  await expect(downloads.item('b-texture.png')).toHaveCount(0);
  await expect(downloads.list).toBeFocused();
  expect(await exists(join(ferry.profileDir, 'Downloads', 'b-texture.png'))).toBe(true);

  await keyboard.press('Control+a');
  await expect(downloads.toolbar).toContainText('2 selected');

  server.route('/flaky.glb', (_request, index) =>
    // Refused for the first try and the three fresh links a refusal earns; the retry's request is answered.
    index < 4 ? { status: 403, body: Buffer.from('expired') } : { body: Buffer.alloc(5000, 6) },
  );
  await app.services.downloads.add({ refs: [server.url('/flaky.glb')] });
  await expect(downloads.status('flaky.glb')).toHaveText('The server refused the download', { timeout: 10_000 });
  await keyboard.press('Home');
  await expect(downloads.item('flaky.glb')).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('r');
  await expect(downloads.notice).toHaveText('Retrying flaky.glb');
  await expect(downloads.status('flaky.glb')).toHaveText('Done', { timeout: 10_000 });
  await keyboard.press('r');
  await expect(downloads.notice).toHaveText('flaky.glb cannot be retried: only failed or canceled downloads can.');
  await expect(downloads.list).toBeFocused();
  expect(app.pageErrors).toEqual([]);
});

test('moves the selection to another queue from the toolbar menu, by keyboard', async ({ ferry }) => {
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await addFinished(downloads);
  const night = app.services.library.createQueue({ name: 'Night renders', concurrency: 0 });
  app.services.library.createQueue({ name: 'Models', concurrency: 0 });
  await downloads.item('a-castle.glb').click();
  await downloads.item('b-texture.png').click({ modifiers: ['Shift'] });
  await expect(downloads.toolbar).toContainText('2 selected');
  const { keyboard } = app.page;

  await downloads.moveToQueue.focus();
  await keyboard.press('Enter');
  await expect(downloads.queueMenu).toHaveAccessibleName('Move 2 downloads to');
  await expect(downloads.queueMenu.getByRole('menuitem')).toHaveText(['Night renders', 'Models']);
  await expect(downloads.queueMenu.getByRole('menuitem', { name: 'Night renders' })).toBeFocused();
  await keyboard.press('Escape');
  await expect(downloads.queueMenu).toHaveCount(0);
  await expect(downloads.moveToQueue).toBeFocused();

  await keyboard.press('ArrowDown');
  await keyboard.press('End');
  await keyboard.press('ArrowDown');
  await expect(downloads.queueMenu.getByRole('menuitem', { name: 'Night renders' })).toBeFocused();
  await keyboard.press('Enter');
  await expect(downloads.queueMenu).toHaveCount(0);
  const queueOf = (name: string) =>
    app.services.downloads.list().find((download) => download.path?.endsWith(name))?.queueId;
  await expect.poll(() => [queueOf('a-castle.glb'), queueOf('b-texture.png')]).toEqual([night.id, night.id]);
  expect(queueOf('c-brief.pdf')).toBe(1);

  await keyboard.press('Enter');
  await expect(downloads.queueMenu.getByRole('menuitem')).toHaveText(['Default', 'Models']);
  expect(app.pageErrors).toEqual([]);
});

test('a failed download says why in plain words, and Retry fetches it', async ({ ferry }) => {
  server.route('/flaky.glb', (_request, index) =>
    // Refused for the first try and the three fresh links a refusal earns; the retry's request is answered.
    index < 4 ? { status: 403, body: Buffer.from('expired') } : { body: Buffer.alloc(5000, 6) },
  );
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await downloads.add(server.url('/flaky.glb'));
  await expect(downloads.status('flaky.glb')).toHaveText('The server refused the download', { timeout: 10_000 });
  await expect(downloads.detail('flaky.glb')).toContainText('403');
  await expect(downloads.filter('Failed')).toHaveText('Failed 1');

  await downloads.retry('flaky.glb').click();
  await expect(downloads.status('flaky.glb')).toHaveText('Done', { timeout: 10_000 });
  await expect(downloads.retry('flaky.glb')).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('has no serious or critical accessibility problems, with a selection and with the remove dialog', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await expect(downloads.emptyState).toBeVisible();
  expect(await seriousViolations(app.page)).toEqual([]);
  await addFinished(downloads);
  await downloads.item('b-texture.png').click();
  await downloads.item('c-brief.pdf').click({ modifiers: ['Shift'] });
  expect(await seriousViolations(app.page)).toEqual([]);
  await downloads.tool('Remove…').click();
  await expect(downloads.removeDialog).toBeVisible();
  expect(await seriousViolations(app.page)).toEqual([]);
});

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('screenshots of the Downloads view in light and dark', async ({ ferry }) => {
    server.route('/gone.bin', { status: 404, body: Buffer.from('no such file') });
    server.route('/running-model.glb', { body: Buffer.alloc(4_000_000, 7), bytesPerSecond: 200_000, etag: '"r"' });
    const app = await ferry.launch();
    const downloads = new DownloadsPage(app.page);
    await shoot(app, 'empty');

    await addFinished(downloads);
    await downloads.add(`${server.url('/gone.bin')}\n${server.url('/running-model.glb')}`);
    await expect(downloads.status('running-model.glb')).toHaveText('Downloading', { timeout: 10_000 });
    await expect(downloads.status('gone.bin')).toHaveText('The server refused the download', { timeout: 10_000 });
    await app.page.waitForTimeout(2500);
    await shoot(app, 'items');

    await downloads.filter('Done').click();
    await downloads.search.fill('a');
    await shoot(app, 'filtered');
    await downloads.search.fill('');
    await downloads.filter('All').click();

    await downloads.item('b-texture.png').click();
    await downloads.item('c-brief.pdf').click({ modifiers: ['Shift'] });
    await shoot(app, 'selection');
    await downloads.tool('Remove…').click();
    await downloads.deleteFiles.check();
    await shoot(app, 'remove-dialog');
    expect(app.pageErrors).toEqual([]);
  });
});

test.describe('at 800×600, the move-to-queue menu', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('screenshots of the menu open in light and dark, with nothing cut off and no axe problem', async ({ ferry }) => {
    const app = await ferry.launch();
    const downloads = new DownloadsPage(app.page);
    await addFinished(downloads);
    for (const name of ['Night renders', 'Client deliveries (urgent, before Friday review)', 'Textures']) {
      app.services.library.createQueue({ name, concurrency: 0 });
    }
    await downloads.item('a-castle.glb').click();
    await downloads.item('c-brief.pdf').click({ modifiers: ['Shift'] });
    // Opened by keyboard, so the focused item shows its highlight in the screenshots.
    await downloads.moveToQueue.focus();
    await app.page.keyboard.press('Enter');
    await expect(downloads.queueMenu.getByRole('menuitem')).toHaveCount(3);
    expect(await truncatedWithoutTitle(app.page)).toEqual([]);
    expect(await seriousViolations(app.page)).toEqual([]);
    await shoot(app, 'move-to-queue-menu');

    // One item lit at a time: the pointer takes the highlight (and the focus) from the keyboard's item.
    const textures = downloads.queueMenu.getByRole('menuitem', { name: 'Textures' });
    await textures.hover();
    await expect(textures).toBeFocused();
    const lit = await downloads.queueMenu
      .getByRole('menuitem')
      .evaluateAll((items) => items.filter((item) => getComputedStyle(item).backgroundColor !== 'rgba(0, 0, 0, 0)'));
    expect(lit).toHaveLength(1);
    expect(app.pageErrors).toEqual([]);
  });
});

function shoot(app: LaunchedFerry, name: string): Promise<void> {
  return shootBothThemes(app, `downloads-${name}`);
}
