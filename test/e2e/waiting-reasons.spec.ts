import { randomBytes } from 'node:crypto';
import { startFakeEcho3d } from '../support/fake-echo3d';
import { FakeIpfsGateway } from '../support/fake-ipfs-gateway';
import type { FaultServer } from '../support/fault-server';
import { IpfsContent } from '../support/ipfs-content';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes, truncatedWithoutTitle } from './look';
import { DownloadsPage } from './pages/downloads-page';

test.use({ viewport: { width: 800, height: 600 } });

const echo3dFixture = {
  key: 'ui-echo-key-1',
  email: 'artist@example.com',
  userKey: 'ui-echo-user-1',
  files: {
    'sid-castle': { name: 'castle.fbx', body: Buffer.from('fbx castle') },
    'sid-castle-glb': { name: 'castle.glb', body: Buffer.from('glTF castle') },
  },
  entries: {
    'entry-1': { original: 'sid-castle', formats: {}, conversions: { glb: 'sid-castle-glb' } },
  },
  // Longer than the test: the row stays converting for the checks and the screenshots.
  conversionMs: 120_000,
};

let echo3d: { server: FaultServer; baseUrl: string } | undefined;
let gateway: FakeIpfsGateway | undefined;
test.afterEach(async () => {
  await echo3d?.server.close();
  await gateway?.close();
  echo3d = undefined;
  gateway = undefined;
});

/** The row's status says it in full, cut off only with its title, and leaves the name its room. */
async function expectStatusShown(downloads: DownloadsPage, name: string, status: string): Promise<void> {
  await expect(downloads.status(name)).toHaveText(status, { timeout: 10_000 });
  await expect(downloads.status(name)).toHaveAttribute('title', status);
  expect(await truncatedWithoutTitle(downloads.page)).toEqual([]);
  const widths = await downloads.item(name).evaluate((row) => ({
    name: row.querySelector('.download-name')?.getBoundingClientRect().width ?? 0,
    status: row.querySelector('.download-status')?.getBoundingClientRect().width ?? 0,
  }));
  expect(widths.name).toBeGreaterThan(widths.status);
}

async function lookChecked(app: LaunchedFerry, name: string): Promise<void> {
  await shootBothThemes(app, `downloads-${name}`, async () => {
    expect(await seriousViolations(app.page)).toEqual([]);
  });
  expect(app.pageErrors).toEqual([]);
}

test('an echo3D conversion waits saying which format echo3D makes', async ({ ferry }) => {
  echo3d = await startFakeEcho3d(echo3dFixture);
  const app = await ferry.launch();
  app.services.accounts.create({
    provider: 'echo3d',
    label: 'Studio',
    baseUrl: echo3d.baseUrl,
    fields: { key: echo3dFixture.key, email: echo3dFixture.email, userKey: echo3dFixture.userKey },
  });
  const downloads = new DownloadsPage(app.page);
  await app.services.downloads.add({ refs: ['echo3d:entry/entry-1?format=glb&convert=true'] });
  await expectStatusShown(downloads, 'entry-1', 'Waiting: converting to GLB');
  await lookChecked(app, 'converting');
});

test('a CID from an IPFS gateway says it is verified against its CID while its blocks arrive', async ({ ferry }) => {
  const model = Buffer.concat([Buffer.from('glTF'), randomBytes(1_500_000)]);
  const content = await IpfsContent.build([{ path: 'castle.glb', content: model }]);
  gateway = await FakeIpfsGateway.start();
  gateway.serve(content);
  const app = await ferry.launch();
  // Slow enough that the row is still arriving for the checks and the screenshots.
  await app.services.settings.update({ ipfsGateways: [gateway.url], speedLimit: 64 * 1024 });
  const downloads = new DownloadsPage(app.page);
  await app.services.downloads.add({ refs: [`ipfs://${content.root}?filename=castle.glb`] });
  await expectStatusShown(downloads, 'castle.glb', 'Verifying against its CID');
  await expect(downloads.item('castle.glb').locator('progress')).toBeVisible();
  // Bytes have arrived and are counted while they are checked.
  await expect(downloads.detail('castle.glb')).toContainText(/\d KiB/, { timeout: 10_000 });
  await lookChecked(app, 'cid-verifying');
});
