import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { AppFrame } from './pages/app-frame';
import { SettingsPage } from './pages/settings-page';

test('settings edits persist, and the file-name example follows the typing', async ({ ferry }) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Settings');
  const settings = new SettingsPage(app.page);
  await expect(settings.templateExample).toHaveText(
    'An echo3D model lamp.glb in the Default queue is saved as Downloads/lamp.glb',
  );

  await settings.fileNames.fill('{provider}/{queue}/{name}');
  await expect(settings.templateExample).toContainText('Downloads/echo3d/Default/lamp.glb');
  await settings.fileNames.fill('{platform}/{name}');
  await expect(settings.noteFor(settings.fileNames)).toHaveText(
    '{platform} is not a placeholder Ferry knows; use {provider} or {queue}.',
  );
  await expect(settings.templateExample).toHaveText('Fix the template to see an example.');
  await expect(settings.fileNames).toHaveAttribute('aria-invalid', 'true');
  await settings.fileNames.fill('Assets/{provider}/{name}');
  await expect(settings.templateExample).toContainText('Downloads/Assets/echo3d/lamp.glb');
  await settings.fileNames.press('Enter');
  await expect(settings.saveStatus).toHaveText('Saved');

  await settings.interrupted.selectOption('pause');
  await settings.notify.uncheck();
  await settings.showWelcome.check();
  await settings.parallelDownloads.fill('5');
  await expect.poll(() => app.services.settings.get().maxParallelDownloads).toBe(5);
  await settings.unpackMaxRatio.fill('0');
  await expect(settings.noteFor(settings.unpackMaxRatio)).toHaveText('Let archives expand at least 1 time their size.');
  await settings.unpackMaxRatio.fill('50');
  await settings.unpackMaxGiB.fill('2.5');
  await expect.poll(() => app.services.settings.get().unpackMaxGiB).toBe(2.5);
  expect(app.services.settings.get().unpackMaxRatio).toBe(50);
  expect(app.services.settings.get()).toMatchObject({
    fileNameTemplate: 'Assets/{provider}/{name}',
    interruptedDownloads: 'pause',
    notifyOnComplete: false,
    firstRunDone: false,
  });

  await app.page.reload();
  await new AppFrame(app.page).open('Settings');
  await expect(settings.fileNames).toHaveValue('Assets/{provider}/{name}');
  await expect(settings.interrupted).toHaveValue('pause');
  await expect(settings.notify).not.toBeChecked();
  await expect(settings.parallelDownloads).toHaveValue('5');
  await expect(settings.unpackMaxRatio).toHaveValue('50');
  await expect(settings.theme).toHaveAccessibleDescription(/follows your desktop/);
  expect(app.pageErrors).toEqual([]);
});

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('a save far down the form is told near the top of the view, and the focus stays in the field', async ({
    ferry,
  }) => {
    const app = await ferry.launch();
    await new AppFrame(app.page).open('Settings');
    const settings = new SettingsPage(app.page);
    await settings.ipfsGateways.scrollIntoViewIfNeeded();
    await settings.fileNames.fill('{provider}/{name}');
    await settings.fileNames.press('Enter');
    await expect(settings.saveStatus).toHaveText('Saved');
    await expect(settings.saveStatus).toBeInViewport();
    await expect(settings.fileNames).toBeFocused();
    expect(app.services.settings.get().fileNameTemplate).toBe('{provider}/{name}');
    const { scrollTop } = await app.page.locator('.content').evaluate((content) => ({ scrollTop: content.scrollTop }));
    expect(scrollTop).toBeGreaterThan(0);
    const toast = await settings.saveStatus.boundingBox();
    expect(toast?.y).toBeLessThan(80);
    await shootBothThemes(app, 'settings-saved');
    expect(app.pageErrors).toEqual([]);
  });
});

test('linking the ferry command from a source checkout says why it cannot, and what to run instead', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Settings');
  const settings = new SettingsPage(app.page);
  await settings.linkCli.click();
  await expect(settings.alert).toContainText('This Ferry runs from its source, not from an installer');
  await expect(settings.alert).toContainText('npm run ferry -- <command>');
  await app.page.setViewportSize({ width: 800, height: 600 });
  await settings.linkCli.scrollIntoViewIfNeeded();
  await shootBothThemes(app, 'settings-desktop', async (theme) => {
    expect(await seriousViolations(app.page), theme).toEqual([]);
  });
  expect(app.pageErrors).toEqual([]);
});
