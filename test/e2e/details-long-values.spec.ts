import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { FaultServer } from '../support/fault-server';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes, truncatedWithoutTitle } from './look';
import { DetailsPanelPage } from './pages/details-panel-page';
import { DownloadsPage } from './pages/downloads-page';

const LONG_NAME = 'castle-courtyard-final-bake-with-every-texture-and-lightmap-v12-approved-by-art-direction.fbx';
const BODY = Buffer.alloc(12_000, 9);

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
  server.route(`/studio/projects/2026/${LONG_NAME}`, { body: BODY });
});
test.afterEach(async () => {
  await server.close();
});

function longLink(): string {
  const query = 'X-Amz-Signature=0123456789abcdef0123456789abcdef&X-Amz-Credential=studio-assets-eu-west-1-abcdefghij';
  return `${server.url(`/studio/projects/2026/${LONG_NAME}`)}?${query}&token=s3cr3t-value-42`;
}

/** How far each long value's block runs past its own box, in pixels: zero when it wraps. */
function overflowOf(page: Page): Promise<number[]> {
  return page
    .locator('.details-panel .copyable-text')
    .evaluateAll((blocks) => blocks.map((block) => Math.max(0, block.scrollWidth - block.clientWidth)));
}

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('a long link, path and sha256 wrap in monospace blocks, each copied by its button', async ({ ferry }) => {
    const app = await ferry.launch();
    const downloads = new DownloadsPage(app.page);
    const details = new DetailsPanelPage(app.page);
    // Through the Add dialog, which must stay within the window with a link this long.
    await downloads.addDialog.open();
    await downloads.addDialog.links.fill(longLink());
    await expect(downloads.addDialog.addButton).toBeInViewport();
    await downloads.addDialog.addButton.click();
    await expect(downloads.status(LONG_NAME)).toHaveText('Done', { timeout: 10_000 });
    await downloads.item(LONG_NAME).click();

    const sha256 = createHash('sha256').update(BODY).digest('hex');
    await expect(details.sha256).toHaveText(sha256);
    await expect(details.source).toContainText('token=[redacted]');
    await expect(details.panel).not.toContainText('s3cr3t');
    expect(await overflowOf(app.page)).toEqual([0, 0, 0]);
    expect(await truncatedWithoutTitle(app.page)).toEqual([]);
    expect(await seriousViolations(app.page)).toEqual([]);
    await shoot(app, 'long-values');
    // At 600 pixels high the panel scrolls within its fixed height, so the list keeps its room.
    await details.sha256.scrollIntoViewIfNeeded();
    await shoot(app, 'long-values-checksum');

    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await details.copySha256.click();
    await expect(details.panel.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
    expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(sha256);
    await details.copySource.click();
    expect(await app.page.evaluate(() => navigator.clipboard.readText())).not.toContain('s3cr3t');

    expect(app.pageErrors).toEqual([]);
  });
});

function shoot(app: LaunchedFerry, name: string): Promise<void> {
  return shootBothThemes(app, `details-${name}`);
}
