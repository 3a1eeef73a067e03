import type { Locator } from '@playwright/test';
import { FaultServer } from '../support/fault-server';
import { tinyPng } from '../support/tiny-png';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { DetailsPanelPage } from './pages/details-panel-page';
import { DownloadsPage } from './pages/downloads-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

test.use({ viewport: { width: 800, height: 600 } });

test('a download that was retried and then finished tells each retry with its reason, then the finish', async ({
  ferry,
}) => {
  server.route('/flaky.bin', (_request, index) =>
    index < 2 ? { status: 503, body: Buffer.from('busy, try later') } : { body: Buffer.alloc(48_000, 3) },
  );
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await downloads.add(server.url('/flaky.bin'));
  await expect(downloads.status('flaky.bin')).toHaveText('Done', { timeout: 15_000 });

  await downloads.item('flaky.bin').click();
  await expect(details.timeline.last()).toContainText('Finished');
  const lines = await details.timelineTexts();
  expect(lines[0]).toBe('Added');
  expect(lines[1]).toBe('Started');
  expect(lines.filter((line) => line.startsWith('Retrying: ') && line.includes('503'))).toHaveLength(2);
  expect(lines.at(-1)).toBe('Finished');
  await expect(details.timeline.first().locator('time')).toHaveText(/\d{1,2}:\d{2}/);
  // The panel scrolls on its own: the shot shows the timeline, as a person would scroll to it.
  await details.timeline.last().scrollIntoViewIfNeeded();
  await shootBothThemes(app, 'details-retried', async () => {
    expect(await seriousViolations(app.page)).toEqual([]);
  });
  expect(app.pageErrors).toEqual([]);
});

test('a failed download tells the retry that came first and the failure that ended it', async ({ ferry }) => {
  server.route('/broken.png', (_request, index) =>
    index === 0 ? { body: tinyPng(), resetAfter: 100 } : { status: 404, body: Buffer.from('gone') },
  );
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await downloads.add(`${server.url('/broken.png')}?token=s3cr3t-value-42`);
  await expect(downloads.status('broken.png')).toHaveText('The server refused the download', { timeout: 15_000 });

  await downloads.item('broken.png').click();
  await expect(details.timeline.last()).toContainText('Failed: ');
  await expect(details.timeline.last()).toContainText('404');
  const lines = await details.timelineTexts();
  expect(lines.slice(0, 2)).toEqual(['Added', 'Started']);
  expect(lines.some((line) => line.startsWith('Retrying: '))).toBe(true);
  await expect(details.panel).not.toContainText('s3cr3t');
  await expect(details.hiddenPixels(details.status)).resolves.toBe(0);
  await details.timeline.last().scrollIntoViewIfNeeded();
  await shootBothThemes(app, 'details-failed', async () => {
    expect(await seriousViolations(app.page)).toEqual([]);
  });
  expect(app.pageErrors).toEqual([]);
});

test('at 800×600 the selected item shows its status, size, path and sha256 whole, beside a list of several rows', async ({
  ferry,
}) => {
  const names = ['a.png', 'b.png', 'c.png', 'd.png', 'e.png', 'f.png'];
  for (const name of names) server.route(`/${name}`, { body: tinyPng() });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await downloads.add(names.map((name) => server.url(`/${name}`)).join('\n'));
  for (const name of names) await expect(downloads.status(name)).toHaveText('Done', { timeout: 15_000 });

  await downloads.item('c.png').click();
  await expect(details.sha256).toHaveText(/^[0-9a-f]{64}$/);
  for (const field of [details.status, details.field('Size'), details.field('Saved to'), details.sha256]) {
    await expect(field).toBeVisible();
    expect(await details.hiddenPixels(field)).toBe(0);
  }
  expect(await details.hiddenPixels(app.page.locator('.details-fields dt', { hasText: 'Checksum' }))).toBe(0);
  expect(await wholeRowsShown(downloads.list, downloads.rows)).toBeGreaterThanOrEqual(4);
  // The page itself does not scroll: the panel scrolls inside its share of the height.
  expect(await app.page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
  expect(await app.page.locator('.content').evaluate((content) => content.scrollHeight - content.clientHeight)).toBe(0);
});

/** Rows of the list that can be seen whole, top to bottom, inside the list's box. */
async function wholeRowsShown(list: Locator, rows: Locator): Promise<number> {
  const box = await list.boundingBox();
  if (!box) return 0;
  let whole = 0;
  for (const row of await rows.all()) {
    const rowBox = await row.boundingBox();
    if (rowBox && rowBox.y >= box.y - 1 && rowBox.y + rowBox.height <= box.y + box.height + 1) whole += 1;
  }
  return whole;
}
