import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import { FaultServer } from '../support/fault-server';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { truncatedWithoutTitle } from './look';
import { AccountsPage } from './pages/accounts-page';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';
import { LibraryPage } from './pages/library-page';
import { QueuesPage } from './pages/queues-page';
import { SettingsPage } from './pages/settings-page';

/** Names longer than any view has room for at 800×600: each must wrap, or show the rest in a tooltip. */
const LONG = 'castle-courtyard-final-bake-with-every-texture-and-lightmap-v12-approved-by-art-direction';
const LONG_LABEL = 'Studio assets for the castle courtyard project, final bakes approved by art direction';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

test.use({ viewport: { width: 800, height: 600 } });

/** The window once its content has settled: nothing cut off without a tooltip, and no page error. */
async function expectNothingCutOff(app: LaunchedFerry): Promise<void> {
  expect(await truncatedWithoutTitle(app.page)).toEqual([]);
  expect(app.pageErrors).toEqual([]);
}

test('Queues: a long queue name and long download names', async ({ ferry }) => {
  const app = await ferry.launch();
  const queue = app.services.library.createQueue({ name: LONG_LABEL, concurrency: 0 });
  app.services.library.updateQueue(queue.id, { paused: true });
  await app.services.downloads.add({
    refs: [server.url(`/${LONG}.glb`), server.url(`/${LONG}-lightmap.png`)],
    queueId: queue.id,
  });
  const queues = new QueuesPage(app.page);
  await queues.open();
  await queues.queue('Studio assets').click();
  await expect(queues.items).toHaveCount(2);
  await expectNothingCutOff(app);
});

test('Accounts: a long label and a long email', async ({ ferry }) => {
  const app = await ferry.launch();
  app.services.accounts.create({
    provider: 'echo3d',
    label: LONG_LABEL,
    baseUrl: `http://127.0.0.1:9/${LONG}`,
    fields: { key: 'k', email: `${LONG}@example.com`, userKey: 'u' },
  });
  await app.page.reload();
  await new AppFrame(app.page).open('Accounts');
  await expect(new AccountsPage(app.page).item(LONG_LABEL)).toBeVisible();
  await expectNothingCutOff(app);
});

test('Settings: a long download folder', async ({ ferry }) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Settings');
  const settings = new SettingsPage(app.page);
  ferry.desktop.nextFolder = `${ferry.profileDir}/${LONG}/${LONG}`;
  await settings.changeFolder.click();
  await expect(settings.downloadFolder).toContainText(LONG);
  await expectNothingCutOff(app);
});

test('Add dialog: a very long link, good and bad', async ({ ferry }) => {
  const app = await ferry.launch();
  const dialog = new DownloadsPage(app.page).addDialog;
  const query = `token=${'a'.repeat(120)}&signature=${'b'.repeat(120)}`;
  await dialog.fill([server.url(`/${LONG}.glb?${query}`), `ftp://old.example.com/${LONG}.zip`].join('\n'));
  await expect(dialog.count).toHaveText('1 ready, 1 cannot be added');
  await expectNothingCutOff(app);
});

test('Downloads: a long name and a long failure', async ({ ferry }) => {
  server.route(`/${LONG}.bin`, { status: 404, body: Buffer.from('no such file') });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  await app.services.downloads.add({ refs: [server.url(`/${LONG}.bin`)] });
  await expect(downloads.status(`${LONG}.bin`)).toHaveText('The server refused the download', { timeout: 10_000 });
  await downloads.item(`${LONG}.bin`).click();
  await expectNothingCutOff(app);
});

test('Library picker: long entry names, tags and account label', async ({ ferry }) => {
  const fixture: Echo3dFixture = {
    key: 'cut-KEY',
    email: 'cut@example.com',
    userKey: 'cut-user',
    files: {
      'sid-long': { name: `${LONG}.fbx`, body: Buffer.from('fbx') },
      'sid-long-glb': { name: `${LONG}.glb`, body: Buffer.from('glb') },
    },
    entries: {
      'entry-long': { original: 'sid-long', tags: LONG_LABEL, formats: { glb: 'sid-long-glb' }, conversions: {} },
    },
  };
  const echo3d = await startFakeEcho3d(fixture);
  try {
    const app = await ferry.launch();
    const fields = { key: fixture.key, email: fixture.email, userKey: fixture.userKey };
    app.services.accounts.create({ provider: 'echo3d', label: LONG_LABEL, baseUrl: echo3d.baseUrl, fields });
    await app.page.reload();
    await new AppFrame(app.page).open('Accounts');
    await new AccountsPage(app.page).action(LONG_LABEL, 'Browse').click();
    const picker = new LibraryPage(app.page);
    await expect(picker.entries).toHaveCount(1);
    await picker.add(`${LONG}.fbx`);
    await expect(picker.result).toHaveText('Queued 1 entry in Default.');
    await expectNothingCutOff(app);
  } finally {
    await echo3d.server.close();
  }
});
