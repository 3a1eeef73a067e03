import { createHash } from 'node:crypto';
import { formatBytes } from '../../shared/format';
import { FaultServer } from '../support/fault-server';
import { tinyGlb } from '../support/tiny-glb';
import { tinyPng } from '../support/tiny-png';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { DetailsPanelPage } from './pages/details-panel-page';
import { DownloadsPage } from './pages/downloads-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
  server.route('/swatch.png', { body: tinyPng() });
  server.route('/triangle.glb', { body: Buffer.from(tinyGlb()) });
});
test.afterEach(async () => {
  await server.close();
});

/**
 * Chromium here draws WebGL in software (SwiftShader): the viewer's first load compiles its
 * shaders on the CPU, which takes seconds alone and much longer while other tests share the cores.
 */
const MODEL_LOAD_MS = 40_000;

async function addDone(downloads: DownloadsPage, ...names: string[]) {
  await downloads.add(names.map((name) => server.url(`/${name}`)).join('\n'));
  for (const name of names) await expect(downloads.status(name)).toHaveText('Done', { timeout: 10_000 });
}

test('shows a finished PNG inline with its size, path and sha256, and no panel for two selected', async ({ ferry }) => {
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await addDone(downloads, 'swatch.png', 'triangle.glb');
  await expect(details.panel).toHaveCount(0);

  await downloads.item('swatch.png').click();
  await expect(details.panel).toHaveAccessibleName('Details of swatch.png');
  await expect(details.image).toBeVisible();
  await expect.poll(() => details.imageWidth()).toBe(96);
  await expect(details.field('Size')).toHaveText(`${formatBytes(tinyPng().length)} (${tinyPng().length} bytes)`);
  await expect(details.field('Saved to')).toContainText('swatch.png');
  await expect(details.field('Checksum')).toContainText('sha256');
  await expect(details.sha256).toHaveText(createHash('sha256').update(tinyPng()).digest('hex'));
  await expect(details.status).toHaveText(/^Finished /);
  expect(await seriousViolations(app.page)).toEqual([]);

  await downloads.item('triangle.glb').click({ modifiers: ['ControlOrMeta'] });
  await expect(downloads.toolbar).toContainText('2 selected');
  await expect(details.panel).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('shows a finished GLB in the 3D viewer, drawn on its canvas, under the strict CSP', async ({ ferry }) => {
  test.slow();
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await addDone(downloads, 'triangle.glb');

  await downloads.item('triangle.glb').click();
  await expect(details.model).toHaveAttribute('data-state', 'loaded', { timeout: MODEL_LOAD_MS });
  await expect(details.viewer).toHaveAttribute('alt', '3D preview of triangle.glb');
  expect(await details.drawnPixels()).toBeGreaterThan(100);
  expect(await seriousViolations(app.page)).toEqual([]);

  // The hash that lets model-viewer's own style in lets no other inline style in.
  const probe = 'body { outline-color: rgb(1, 2, 3); }';
  const inlineStyleApplied = await app.page.evaluate((css) => {
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    return getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)';
  }, probe);
  expect(inlineStyleApplied).toBe(false);
  const probeHash = createHash('sha256').update(probe).digest('base64');
  expect(app.pageErrors.filter((error) => !error.includes(probeHash))).toEqual([]);
});

test('says why a download failed, and shows its link without the secret in it', async ({ ferry }) => {
  server.route('/gone.png', { status: 404, body: Buffer.from('no such file') });
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await downloads.add(server.url('/gone.png?token=s3cr3t-value-42&size=large'));
  await expect(downloads.status('gone.png')).toHaveText('The server refused the download', { timeout: 10_000 });

  await downloads.item('gone.png').click();
  await expect(details.status).toContainText('Failed.');
  await expect(details.status).toContainText('The server refused the download.');
  await expect(details.status).toContainText('404');
  await expect(details.source).toHaveText(`${server.url('/gone.png')}?token=[redacted]&size=large`);
  await expect(details.panel).not.toContainText('s3cr3t');
  await expect(details.image).toHaveCount(0);
  expect(await seriousViolations(app.page)).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('screenshots of the panel with an image and with a model, light and dark', async ({ ferry }) => {
    test.slow();
    const app = await ferry.launch();
    const downloads = new DownloadsPage(app.page);
    const details = new DetailsPanelPage(app.page);
    await addDone(downloads, 'swatch.png', 'triangle.glb');

    await downloads.item('swatch.png').click();
    await expect.poll(() => details.imageWidth()).toBe(96);
    expect(await seriousViolations(app.page)).toEqual([]);
    // Below the facts, in the panel's own scroll.
    await details.image.evaluate((image) => image.scrollIntoView({ block: 'center' }));
    await shoot(app, 'image');

    await downloads.item('triangle.glb').click();
    await expect(details.model).toHaveAttribute('data-state', 'loaded', { timeout: MODEL_LOAD_MS });
    await details.viewer.scrollIntoViewIfNeeded();
    await shoot(app, 'model');
    expect(app.pageErrors).toEqual([]);
  });
});

function shoot(app: LaunchedFerry, name: string): Promise<void> {
  return shootBothThemes(app, `details-${name}`);
}
