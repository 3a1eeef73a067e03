import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultServer } from '../support/fault-server';
import { tinyGltf } from '../support/tiny-gltf';
import { tinyMtl, tinyObj } from '../support/tiny-obj';
import { tinyPng } from '../support/tiny-png';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { DetailsPanelPage } from './pages/details-panel-page';
import { DownloadsPage } from './pages/downloads-page';

/** Chromium draws WebGL in software here: a first model load compiles shaders on the CPU (see details-panel.spec.ts). */
const MODEL_LOAD_MS = 40_000;

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
  const { gltf, bin } = tinyGltf();
  server.route('/triangle.gltf', { body: Buffer.from(gltf) });
  server.route('/triangle.bin', { body: Buffer.from(bin) });
  server.route('/lonely.gltf', { body: Buffer.from(tinyGltf('lonely.bin').gltf) });
  server.route('/cube.obj', { body: Buffer.from(tinyObj()) });
  server.route('/cube.mtl', { body: Buffer.from(tinyMtl()) });
  server.route('/quad.obj', { body: Buffer.from(texturedQuad('quad.mtl')) });
  server.route('/quad.mtl', { body: Buffer.from('newmtl swatch\nKd 1 1 1\nmap_Kd maps/swatch.png\n') });
  server.route('/bare.obj', { body: Buffer.from(texturedQuad('bare.mtl')) });
  server.route('/bare.mtl', { body: Buffer.from('newmtl swatch\nKd 1 1 1\nmap_Kd gone.png\n') });
  server.route('/flat.obj', { body: Buffer.from('# only points\nv 0 0 0\nv 1 0 0\n') });
});
test.afterEach(async () => {
  await server.close();
});

/** A square facing the camera, mapped whole onto its material's texture. */
function texturedQuad(mtllib: string): string {
  return [
    `mtllib ${mtllib}`,
    ...['-1 -1 0', '1 -1 0', '1 1 0', '-1 1 0'].map((position) => `v ${position}`),
    ...['0 0', '1 0', '1 1', '0 1'].map((uv) => `vt ${uv}`),
    'usemtl swatch',
    'f 1/1 2/2 3/3 4/4',
    '',
  ].join('\n');
}

/** The mean red, green and blue of the viewer's drawn pixels: a white material is grey, the swatch is not. */
function meanColour(details: DetailsPanelPage): Promise<[number, number, number]> {
  return details.viewer.evaluate(async (element) => {
    const frame = new Image();
    frame.src = (element as HTMLElement & { toDataURL(type?: string): string }).toDataURL('image/png');
    await frame.decode();
    const canvas = document.createElement('canvas');
    canvas.width = frame.naturalWidth;
    canvas.height = frame.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) return [0, 0, 0];
    context.drawImage(frame, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const sum = [0, 0, 0];
    let drawn = 0;
    for (let at = 0; at < data.length; at += 4) {
      if ((data[at + 3] ?? 0) === 0) continue;
      drawn += 1;
      for (const channel of [0, 1, 2]) sum[channel] = (sum[channel] ?? 0) + (data[at + channel] ?? 0);
    }
    return sum.map((total) => Math.round(total / Math.max(drawn, 1))) as [number, number, number];
  });
}

/** Downloads the files into the one download folder, side by side, as a .gltf and its .bin arrive. */
async function addDone(downloads: DownloadsPage, ...names: string[]) {
  await downloads.add(names.map((name) => server.url(`/${name}`)).join('\n'));
  for (const name of names) await expect(downloads.status(name)).toHaveText('Done', { timeout: 10_000 });
}

async function expectDrawn(details: DetailsPanelPage, name: string) {
  // The viewer loads once it is in sight: under the facts, in the panel's own scroll, a person scrolls to it.
  await details.viewer.evaluate((viewer) => viewer.scrollIntoView({ block: 'center' }));
  await expect(details.model).toHaveAttribute('data-state', 'loaded', { timeout: MODEL_LOAD_MS });
  await expect(details.viewer).toHaveAttribute('alt', `3D preview of ${name}`);
  await expect.poll(() => details.drawnPixels(), { timeout: 10_000 }).toBeGreaterThan(100);
}

test('draws a .gltf with the .bin beside it, and an .obj with its .mtl, in the 3D viewer', async ({ ferry }) => {
  test.slow();
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await addDone(downloads, 'triangle.gltf', 'triangle.bin', 'cube.obj', 'cube.mtl');

  await downloads.item('triangle.gltf').click();
  await expectDrawn(details, 'triangle.gltf');
  expect(await seriousViolations(app.page)).toEqual([]);

  await downloads.item('cube.obj').click();
  await expectDrawn(details, 'cube.obj');
  expect(await seriousViolations(app.page)).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test('draws an OBJ with the texture its .mtl names, and without one that is missing', async ({ ferry }) => {
  test.slow();
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await addDone(downloads, 'quad.obj', 'quad.mtl', 'bare.obj', 'bare.mtl');
  await mkdir(join(app.services.settings.get().downloadDir, 'maps'));
  await writeFile(join(app.services.settings.get().downloadDir, 'maps', 'swatch.png'), tinyPng());

  await downloads.item('quad.obj').click();
  await expectDrawn(details, 'quad.obj');
  // The swatch runs from blue to red over a steady green: drawn with it, the quad is far less green than red or blue.
  const [red, green, blue] = await meanColour(details);
  expect(green).toBeLessThan(Math.min(red, blue) - 15);

  await downloads.item('bare.obj').click();
  await expectDrawn(details, 'bare.obj');
  const bare = await meanColour(details);
  expect(Math.max(...bare) - Math.min(...bare)).toBeLessThan(10);
  expect(app.pageErrors).toEqual([]);
});

test('says which buffer a .gltf misses, and that an .obj without faces has nothing to show', async ({ ferry }) => {
  const app = await ferry.launch();
  const downloads = new DownloadsPage(app.page);
  const details = new DetailsPanelPage(app.page);
  await addDone(downloads, 'lonely.gltf', 'flat.obj');

  await downloads.item('lonely.gltf').click();
  await expect(details.note).toHaveText(
    "Ferry can't preview lonely.gltf: missing buffer lonely.bin. Put it back beside lonely.gltf, or open the model in its own app.",
  );
  await downloads.item('flat.obj').click();
  await expect(details.note).toHaveText(
    'Ferry found no faces to show in this OBJ model. Open it in your 3D app to check it.',
    { timeout: MODEL_LOAD_MS },
  );
  await expect(details.viewer).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('screenshots of the panel with a glTF and with an OBJ model, light and dark', async ({ ferry }) => {
    test.slow();
    const app = await ferry.launch();
    const downloads = new DownloadsPage(app.page);
    const details = new DetailsPanelPage(app.page);
    await addDone(downloads, 'triangle.gltf', 'triangle.bin', 'cube.obj', 'cube.mtl');

    // Narrowed by name, the list shows only the model in the shot.
    await downloads.search.fill('triangle');
    await downloads.item('triangle.gltf').click();
    await expectDrawn(details, 'triangle.gltf');
    await shoot(app, 'gltf');

    await downloads.search.fill('cube');
    await downloads.item('cube.obj').click();
    await expectDrawn(details, 'cube.obj');
    expect(await seriousViolations(app.page)).toEqual([]);
    await shoot(app, 'obj');
    expect(app.pageErrors).toEqual([]);
  });
});

function shoot(app: LaunchedFerry, name: string): Promise<void> {
  return shootBothThemes(app, `details-${name}`);
}
