import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeIpfsGateway } from '../support/fake-ipfs-gateway';
import { IpfsContent } from '../support/ipfs-content';
import { expect, test } from './fixtures';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { SettingsPage } from './pages/settings-page';

let gateway: FakeIpfsGateway;
test.beforeEach(async () => {
  gateway = await FakeIpfsGateway.start();
});
test.afterEach(async () => {
  await gateway.close();
});

test('fetches a pasted IPFS link from the gateways in Settings, verified, and refuses a tampered one', async ({
  ferry,
}) => {
  const model = Buffer.concat([Buffer.from('glTF'), randomBytes(400_000)]);
  const good = await IpfsContent.build([{ path: 'castle.glb', content: model }]);
  const tampered = await IpfsContent.build([{ path: 'tower.glb', content: randomBytes(400_000) }]);
  gateway.serve(good);
  gateway.serve(tampered);
  gateway.fault(tampered.root.toString(), { tamperBlock: 1 });

  const app = await ferry.launch();
  const frame = new AppFrame(app.page);
  await frame.open('Settings');
  const settings = new SettingsPage(app.page);
  await settings.ipfsGateways.fill('ftp://nowhere');
  await settings.ipfsGateways.press('Enter');
  await expect(settings.noteFor(settings.ipfsGateways)).toContainText('http(s) address');
  await settings.ipfsGateways.fill(gateway.url);
  await settings.ipfsGateways.press('Tab');
  await expect(settings.saveStatus).toContainText('Saved');

  await frame.open('Downloads');
  const downloads = new DownloadsPage(app.page);
  // As copied from a browser's address bar: the gateway in the link is not trusted, the CID is.
  await downloads.add(`https://ipfs.io/ipfs/${good.root}?filename=castle.glb\nipfs://${tampered.root}`);
  await expect(downloads.status('castle.glb')).toHaveText('Done', { timeout: 15_000 });
  const folder = join(ferry.profileDir, 'Downloads');
  expect((await readFile(join(folder, 'castle.glb'))).equals(model)).toBe(true);
  await expect(downloads.item(`ipfs://${tampered.root}`).locator('.download-status')).toHaveText(
    'The file did not check out',
    { timeout: 15_000 },
  );
  expect(app.pageErrors).toEqual([]);
});
