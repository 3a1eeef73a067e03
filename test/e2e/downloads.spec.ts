import { readFile } from 'node:fs/promises';
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

test('adds pasted links, shows them finish, and writes the files', async ({ ferry }) => {
  const model = Buffer.alloc(300_000, 9);
  server.route('/assets/castle.glb', { body: model, bytesPerSecond: 600_000 });
  server.route('/assets/texture.png', { body: Buffer.alloc(50_000, 4) });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);

  await downloads.add(`${server.url('/assets/castle.glb')}\n${server.url('/assets/texture.png')}`);
  await expect(downloads.links).toHaveValue('');
  await expect(downloads.status('castle.glb')).toHaveText('Done', { timeout: 10_000 });
  await expect(downloads.status('texture.png')).toHaveText('Done');
  await expect(downloads.item('castle.glb')).toContainText('293 KiB of 293 KiB');
  await app.page.screenshot({ path: 'test-results/screenshots/downloads.png' });
  expect((await readFile(join(ferry.profileDir, 'Downloads', 'castle.glb'))).equals(model)).toBe(true);
  expect(app.pageErrors).toEqual([]);
});

test('explains a link it cannot download and keeps the text to fix', async ({ ferry }) => {
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await downloads.add('ftp://old.example.com/file.zip');
  await expect(downloads.alert).toContainText('give an http:// or https:// link');
  await expect(downloads.links).toHaveValue('ftp://old.example.com/file.zip');
});

test('pauses and resumes a running download from its row', async ({ ferry }) => {
  server.route('/slow.bin', { body: Buffer.alloc(1_500_000, 1), etag: '"s"', bytesPerSecond: 300_000 });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await downloads.add(server.url('/slow.bin'));
  await expect(downloads.status('slow.bin')).toHaveText('Downloading');
  await downloads.action('slow.bin', 'Pause').click();
  await expect(downloads.status('slow.bin')).toHaveText('Paused');
  await downloads.action('slow.bin', 'Resume').click();
  await expect(downloads.status('slow.bin')).toHaveText('Done', { timeout: 15_000 });
  expect(server.requests.length).toBeGreaterThanOrEqual(2);
});
