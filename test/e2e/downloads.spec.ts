import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from '../support/archive-fixtures';
import { FaultServer } from '../support/fault-server';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { SettingsPage } from './pages/settings-page';

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
  await expect(downloads.addDialog.dialog).toBeHidden();
  await expect(downloads.status('castle.glb')).toHaveText('Done', { timeout: 10_000 });
  await expect(downloads.status('texture.png')).toHaveText('Done');
  await expect(downloads.item('castle.glb')).toContainText('293 KiB of 293 KiB');
  expect((await readFile(join(ferry.profileDir, 'Downloads', 'castle.glb'))).equals(model)).toBe(true);
  expect(app.pageErrors).toEqual([]);
});

test('explains a link it cannot download and keeps the text to fix', async ({ ferry }) => {
  const app = await ferry.launch();
  const dialog = new DownloadsPage(app.page).addDialog;
  await dialog.fill('ftp://old.example.com/file.zip');
  await expect(dialog.verdict('ftp://old.example.com/file.zip')).toContainText('give an http:// or https:// link');
  await expect(dialog.addButton).toBeDisabled();
  await expect(dialog.links).toHaveValue('ftp://old.example.com/file.zip');
  expect(app.services.downloads.list()).toEqual([]);
});

test('pauses and resumes a running download from the toolbar', async ({ ferry }) => {
  server.route('/slow.bin', { body: Buffer.alloc(1_500_000, 1), etag: '"s"', bytesPerSecond: 300_000 });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await downloads.add(server.url('/slow.bin'));
  await expect(downloads.status('slow.bin')).toHaveText('Downloading');
  await downloads.act('slow.bin', 'Pause');
  await expect(downloads.status('slow.bin')).toHaveText('Paused');
  await downloads.tool('Resume').click();
  await expect(downloads.status('slow.bin')).toHaveText('Done', { timeout: 15_000 });
  expect(server.requests.length).toBeGreaterThanOrEqual(2);
});

test('unpacks an archive when the box is ticked, and the settings choose the box default', async ({ ferry }) => {
  const zip = await castleZip();
  server.route('/castle-pack.zip', { body: zip });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const dialog = downloads.addDialog;
  await dialog.open();
  await expect(dialog.unpack).not.toBeChecked();

  await dialog.unpack.check();
  await downloads.add(server.url('/castle-pack.zip'));
  await expect(downloads.status('castle-pack.zip')).toHaveText('Done', { timeout: 10_000 });
  await expect(downloads.detail('castle-pack.zip')).toContainText('unpacked to castle');
  const folder = join(ferry.profileDir, 'Downloads');
  expect(await readFile(join(folder, 'castle', 'castle.glb'), 'utf8')).toBe('mesh');
  expect((await readFile(join(folder, 'castle-pack.zip'))).equals(zip)).toBe(true);

  const frame = new AppFrame(app.page);
  const settings = new SettingsPage(app.page);
  await frame.open('Settings');
  await settings.unpackArchives.check();
  await expect(settings.saveStatus).toContainText('Saved');
  await frame.open('Downloads');
  await dialog.open();
  await expect(dialog.unpack).toBeChecked();
  expect(app.pageErrors).toEqual([]);
});

/** A ZIP made by Info-ZIP holding one folder with a model in it. */
async function castleZip(): Promise<Buffer> {
  const temp = await makeTempDir('ferry-e2e-zip-');
  try {
    await mkdir(join(temp.path, 'castle'));
    await writeFile(join(temp.path, 'castle', 'castle.glb'), 'mesh');
    runTool('zip', ['-qr', 'castle.zip', 'castle'], temp.path);
    return await readFile(join(temp.path, 'castle.zip'));
  } finally {
    await temp.remove();
  }
}

test('Cancel stops a running download and drops its part; Show in folder shows a finished one', async ({ ferry }) => {
  server.route('/slow.bin', { body: Buffer.alloc(3_000_000, 5), bytesPerSecond: 100_000, etag: '"slow"' });
  server.route('/castle.glb', { body: Buffer.alloc(20_000, 1) });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const folder = join(ferry.profileDir, 'Downloads');
  await downloads.add(`${server.url('/slow.bin')}\n${server.url('/castle.glb')}`);
  await expect(downloads.status('castle.glb')).toHaveText('Done', { timeout: 10_000 });
  await expect(downloads.status('slow.bin')).toHaveText('Downloading');
  await expect.poll(() => readdir(folder)).toContain('slow.bin.part');

  await downloads.act('slow.bin', 'Cancel');
  await expect(downloads.status('slow.bin')).toHaveText('Canceled');
  await expect.poll(() => readdir(folder)).toEqual(['castle.glb']);
  await expect(downloads.tool('Retry')).toBeVisible();
  await expect(downloads.tool('Cancel')).toHaveCount(0);

  await downloads.act('castle.glb', 'Show in folder');
  await expect.poll(() => ferry.desktop.shown).toEqual([join(folder, 'castle.glb')]);
  expect(ferry.desktop.opened).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});
