import { FaultServer } from '../support/fault-server';
import { expect, test } from './fixtures';
import { DownloadsPage } from './pages/downloads-page';
import { countRowRenders } from './react-renders';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
  server.route('/still.bin', { body: Buffer.alloc(20_000, 1) });
  server.route('/moving.bin', { body: Buffer.alloc(3_000_000, 2), bytesPerSecond: 150_000, etag: '"moving"' });
});
test.afterEach(async () => {
  await server.close();
});

/** A finished still.bin under a running moving.bin, the list open on both. */
async function oneStillOneMoving(downloads: DownloadsPage): Promise<void> {
  await downloads.add(server.url('/still.bin'));
  await expect(downloads.status('still.bin')).toHaveText('Done', { timeout: 10_000 });
  await downloads.add(server.url('/moving.bin'));
  await expect(downloads.status('moving.bin')).toHaveText('Downloading', { timeout: 10_000 });
}

/** Waits until the running row has shown new progress twice. */
async function progressArrives(downloads: DownloadsPage): Promise<void> {
  for (let step = 0; step < 2; step += 1) {
    const before = await downloads.item('moving.bin').textContent();
    await expect.poll(() => downloads.item('moving.bin').textContent()).not.toBe(before);
  }
}

test('progress of one download renders its own row only', async ({ ferry }) => {
  const app = await ferry.launch();
  const renders = await countRowRenders(app.page);
  const downloads = new DownloadsPage(app.page);
  await oneStillOneMoving(downloads);

  await renders.reset();
  await progressArrives(downloads);
  const counts = await renders.counts();
  expect(counts['moving.bin'] ?? 0).toBeGreaterThanOrEqual(2);
  expect(counts['still.bin'] ?? 0).toBe(0);

  // The count does see the still row render once its own state changes: selecting it.
  await downloads.item('still.bin').click();
  await expect.poll(async () => (await renders.counts())['still.bin'] ?? 0).toBeGreaterThan(0);
  expect(app.pageErrors).toEqual([]);
});

test('progress of one download leaves the other row’s DOM untouched', async ({ ferry }) => {
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await oneStillOneMoving(downloads);

  const watch = await downloads.watchRowChanges();
  await progressArrives(downloads);
  const changes = await watch.stop();
  expect(changes.changed['moving.bin'] ?? 0).toBeGreaterThan(0);
  expect(changes.changed['still.bin'] ?? 0).toBe(0);
  expect(changes.replaced).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});
