import { join } from 'node:path';
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

test('dragging a finished row hands its file to the desktop by id; an unfinished row does not drag', async ({
  ferry,
}) => {
  server.route('/castle.glb', { body: Buffer.alloc(20_000, 1) });
  server.route('/slow.bin', { body: Buffer.alloc(2_000_000, 2), bytesPerSecond: 50_000, etag: '"s"' });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await downloads.add(`${server.url('/castle.glb')}\n${server.url('/slow.bin')}`);
  await expect(downloads.status('castle.glb')).toHaveText('Done', { timeout: 10_000 });
  await expect(downloads.status('slow.bin')).toHaveText('Downloading', { timeout: 10_000 });

  await expect(downloads.item('castle.glb')).toHaveAttribute('draggable', 'true');
  await expect(downloads.item('slow.bin')).toHaveAttribute('draggable', 'false');
  await downloads.item('castle.glb').dragTo(downloads.totals);
  await expect.poll(() => ferry.desktop.dragged).toEqual([join(ferry.profileDir, 'Downloads', 'castle.glb')]);

  await downloads.item('slow.bin').dragTo(downloads.totals);
  await downloads.item('castle.glb').click();
  expect(ferry.desktop.dragged).toHaveLength(1);
  await expect(downloads.alert).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});
