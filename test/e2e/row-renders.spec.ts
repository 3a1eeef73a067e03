import { FaultServer } from '../support/fault-server';
import { expect, test } from './fixtures';
import { DownloadsPage } from './pages/downloads-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

test('progress of one download changes its own row only: the other row’s DOM is left untouched', async ({ ferry }) => {
  server.route('/still.bin', { body: Buffer.alloc(20_000, 1) });
  server.route('/moving.bin', { body: Buffer.alloc(3_000_000, 2), bytesPerSecond: 150_000, etag: '"moving"' });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await downloads.add(server.url('/still.bin'));
  await expect(downloads.status('still.bin')).toHaveText('Done', { timeout: 10_000 });
  await downloads.add(server.url('/moving.bin'));
  await expect(downloads.status('moving.bin')).toHaveText('Downloading', { timeout: 10_000 });

  const watch = await downloads.watchRowChanges();
  const before = await downloads.item('moving.bin').textContent();
  await expect.poll(() => downloads.item('moving.bin').textContent()).not.toBe(before);
  await app.page.waitForTimeout(1500);
  const changes = await watch.stop();

  expect(changes.changed['moving.bin'] ?? 0).toBeGreaterThan(0);
  expect(changes.changed['still.bin'] ?? 0).toBe(0);
  expect(changes.replaced).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});
