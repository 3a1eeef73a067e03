import { FaultServer } from '../support/fault-server';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { DownloadsPage } from './pages/downloads-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

test.use({ viewport: { width: 800, height: 600 } });

/** Two Scenario accounts whose API is a closed loopback port: the first made is the default. */
function twoScenarioAccounts(app: LaunchedFerry) {
  const fields = { apiKey: 'k', apiSecret: 'choices-secret' };
  const team = app.services.accounts.create({
    provider: 'scenario',
    label: 'Art team',
    baseUrl: 'http://127.0.0.1:9',
    fields,
  });
  const client = app.services.accounts.create({
    provider: 'scenario',
    label: 'Client B',
    baseUrl: 'http://127.0.0.1:9',
    fields,
  });
  return { team, client };
}

test('picks the account per platform and a folder for this add only; the queue keeps its folder', async ({ ferry }) => {
  const app = await ferry.launch();
  const { client } = twoScenarioAccounts(app);
  const dialog = new DownloadsPage(app.page).addDialog;
  const link = server.url('/plain.bin');
  await dialog.fill([link, 'scenario:asset/a1'].join('\n'));

  await expect(dialog.verdict('scenario:asset/a1')).toContainText('signed by “Art team”');
  await expect(dialog.accountFor('Scenario').locator('option:checked')).toHaveText('Art team (default)');
  await dialog.accountFor('Scenario').selectOption({ label: 'Client B' });
  await expect(dialog.verdict('scenario:asset/a1')).toContainText('signed by “Client B”');

  const picked = `${ferry.profileDir}/Friday handoff`;
  await expect(dialog.destination).toHaveText(`${ferry.profileDir}/Downloads`);
  ferry.desktop.nextFolder = picked;
  await dialog.changeFolder.click();
  await expect(dialog.destination).toHaveText(picked);
  await expect(dialog.dialog).toContainText('For this add only: the “Default” queue keeps its own folder.');
  await shoot(app, 'add-dialog-choices', '[role="dialog"]');

  await dialog.addButton.click();
  await expect(dialog.dialog).toBeHidden();
  const added = app.services.downloads.list();
  expect(added.map(({ ref, accountId, directory }) => ({ ref, accountId, directory }))).toEqual(
    expect.arrayContaining([
      { ref: 'scenario:asset/a1', accountId: client.id, directory: picked },
      { ref: link, accountId: null, directory: picked },
    ]),
  );
  expect(app.services.downloads.queues()[0]?.directory).toBeNull();

  await dialog.fill(server.url('/later.bin'));
  await expect(dialog.destination).toHaveText(`${ferry.profileDir}/Downloads`);
  expect(app.pageErrors).toEqual([]);
});

test('a dropped file that is not a list of links adds nothing and says so; one Ferry downloaded is named as such', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const dialog = new DownloadsPage(app.page).addDialog;
  await dialog.drop({ files: [{ name: 'scene.blend', type: '', text: 'BLENDER' }] });
  await expect(dialog.dropNotice).toHaveText(
    'Ferry adds links, not files: drop a .txt or .csv of links, or paste links.',
  );
  await expect(dialog.dialog).toBeHidden();
  await shoot(app, 'drop-not-links', '.drop-notice');

  server.route('/chair.glb', { body: Buffer.alloc(1000, 'g') });
  await app.services.downloads.add({ refs: [server.url('/chair.glb')] });
  await expect.poll(() => app.services.downloads.list()[0]?.status, { timeout: 10_000 }).toBe('done');
  await dialog.drop({ files: [{ name: 'chair.glb', type: 'model/gltf-binary', text: 'g'.repeat(1000) }] });
  await expect(dialog.dropNotice).toHaveText(
    '“chair.glb” is already in your library. Ferry adds links, not files: drop a .txt or .csv of links, or paste links.',
  );
  await expect(dialog.dialog).toBeHidden();
  await dialog.dropNotice.getByRole('button', { name: 'Close this message' }).click();
  await expect(dialog.dropNotice).toBeHidden();
  expect(app.services.downloads.list()).toHaveLength(1);
  expect(app.pageErrors).toEqual([]);
});

function shoot(app: LaunchedFerry, name: string, part: string): Promise<void> {
  return shootBothThemes(app, name, async () => {
    expect(await seriousViolations(app.page, part)).toEqual([]);
  });
}
