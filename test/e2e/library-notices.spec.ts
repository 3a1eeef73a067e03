import { join } from 'node:path';
import { loseJournalInACrash } from '../support/crashed-writer';
import { FaultServer } from '../support/fault-server';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { AppFrame } from './pages/app-frame';
import { DownloadsPage } from './pages/downloads-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

test.use({ viewport: { width: 800, height: 600 } });

test('a library whose journal was lost says so above the list until dismissed, in both themes', async ({ ferry }) => {
  server.route('/castle.glb', { body: Buffer.alloc(20_000, 1) });
  const first = await ferry.launch();
  await new DownloadsPage(first.page).add(server.url('/castle.glb'));
  await expect(new DownloadsPage(first.page).status('castle.glb')).toHaveText('Done', { timeout: 10_000 });
  await first.close();
  expect(loseJournalInACrash(join(ferry.profileDir, 'ferry.db'))).toBe('SIGKILL');

  const app = await ferry.launch();
  const frame = new AppFrame(app.page);
  const downloads = new DownloadsPage(app.page);
  await expect(frame.notices).toHaveCount(1);
  await expect(frame.notices).toContainText('lost its most recent changes');
  await expect(downloads.item('castle.glb')).toBeVisible();
  const notice = await frame.notices.boundingBox();
  const list = await downloads.list.boundingBox();
  expect(notice && list && notice.y + notice.height <= list.y).toBe(true);
  await shootBothThemes(app, 'library-notice', async (theme) => {
    expect(await seriousViolations(app.page), `library notice, ${theme}`).toEqual([]);
  });

  await frame.notices.getByRole('button', { name: 'Dismiss' }).focus();
  await app.page.keyboard.press('Enter');
  await expect(frame.notices).toHaveCount(0);
  await expect(downloads.item('castle.glb')).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});
