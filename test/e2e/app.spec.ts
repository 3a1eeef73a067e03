import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { shootBothThemes } from './look';
import { AppFrame, type SectionName } from './pages/app-frame';
import { SettingsPage } from './pages/settings-page';

const placeholders: [SectionName, string][] = [
  ['Downloads', 'No downloads yet'],
  ['Accounts', 'No accounts yet'],
];

test('shows the app frame and navigates every section', async ({ ferry }) => {
  const app = await ferry.launch();
  const frame = new AppFrame(app.page);

  await expect(frame.heading).toHaveText('Downloads');
  await expect(frame.navButton('Downloads')).toHaveAttribute('aria-current', 'page');
  await expect(frame.version).toHaveText('Ferry 0.1.0-e2e');
  await expect(frame.navigation.getByRole('button')).toHaveText(['Downloads', 'Queues', 'Accounts', 'Settings']);

  for (const [section, emptyTitle] of placeholders) {
    await frame.open(section);
    await expect(frame.heading).toHaveText(section);
    await expect(frame.navButton(section)).toHaveAttribute('aria-current', 'page');
    await expect(frame.navigation.locator('[aria-current="page"]')).toHaveCount(1);
    await expect(frame.emptyState.getByRole('heading')).toHaveText(emptyTitle);
  }
  // Queues is never empty: the default queue is always there.
  await frame.open('Queues');
  await expect(frame.heading).toHaveText('Queues');
  await expect(frame.navButton('Queues')).toHaveAttribute('aria-current', 'page');
  await expect(
    app.page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: /^Default/ }),
  ).toBeVisible();
  await frame.open('Settings');
  await expect(frame.heading).toHaveText('Settings');
  await expect(new SettingsPage(app.page).theme).toHaveValue('system');

  expect(app.pageErrors).toEqual([]);
});

test('changes settings and finds them again after a restart', async ({ ferry }) => {
  const first = await ferry.launch();
  const frame = new AppFrame(first.page);
  const settings = new SettingsPage(first.page);
  await frame.open('Settings');

  await settings.theme.selectOption('light');
  await expect(settings.saveStatus).toHaveText('Saved');
  expect(await frame.backgroundColor()).toBe('rgb(246, 247, 249)');
  await settings.theme.selectOption('dark');
  await expect(settings.saveStatus).toHaveText('Saved');
  expect(await frame.theme()).toBe('dark');
  expect(await frame.backgroundColor()).toBe('rgb(22, 24, 29)');

  await settings.parallelDownloads.fill('6');
  await settings.notify.uncheck();
  await settings.speedLimit.fill('2048');
  await expect(settings.noteFor(settings.speedLimit)).toHaveText('0 means unlimited. Now: 2 MiB/s.');
  await expect(settings.saveStatus).toHaveText('Saved');
  await first.close();

  const second = await ferry.launch();
  const restarted = new SettingsPage(second.page);
  await new AppFrame(second.page).open('Settings');
  await expect(restarted.theme).toHaveValue('dark');
  await expect(restarted.parallelDownloads).toHaveValue('6');
  await expect(restarted.notify).not.toBeChecked();
  await expect(restarted.speedLimit).toHaveValue('2048');
  await expect(restarted.downloadFolder).toHaveText(`${ferry.profileDir}/Downloads`);
  ferry.desktop.nextFolder = `${ferry.profileDir}/Chosen`;
  await second.page.getByRole('button', { name: 'Change…' }).click();
  await expect(restarted.downloadFolder).toHaveText(`${ferry.profileDir}/Chosen`);
  expect(second.services.settings.get()).toMatchObject({ theme: 'dark', maxParallelDownloads: 6, speedLimit: 2097152 });
  expect([...first.pageErrors, ...second.pageErrors]).toEqual([]);
});

test('explains a value out of range and does not save it', async ({ ferry }) => {
  const app = await ferry.launch();
  const settings = new SettingsPage(app.page);
  await new AppFrame(app.page).open('Settings');

  await settings.connections.fill('40');
  await expect(settings.noteFor(settings.connections)).toHaveText('Use at most 16 connections per download.');
  await expect(settings.connections).toHaveAttribute('aria-invalid', 'true');
  await settings.connections.fill('');
  await expect(settings.noteFor(settings.connections)).toHaveText('Enter a number from 1 to 16.');
  expect(app.services.settings.get().connectionsPerDownload).toBe(4);

  await settings.connections.fill('8');
  await expect(settings.connections).not.toHaveAttribute('aria-invalid');
  await expect.poll(() => app.services.settings.get().connectionsPerDownload).toBe(8);

  await settings.fileNames.fill('../{name}');
  await settings.fileNames.press('Enter');
  await expect(settings.noteFor(settings.fileNames)).toHaveText(
    'Folders in the template cannot be empty, "." or "..".',
  );
  await settings.fileNames.fill('{provider}/{name}');
  await settings.fileNames.press('Enter');
  await expect.poll(() => app.services.settings.get().fileNameTemplate).toBe('{provider}/{name}');
});

test('tells the person when settings cannot be saved, and keeps working', async ({ ferry }) => {
  const app = await ferry.launch();
  const settings = new SettingsPage(app.page);
  await new AppFrame(app.page).open('Settings');

  await rm(ferry.profileDir, { recursive: true, force: true });
  await writeFile(ferry.profileDir, 'a file where the profile folder should be');
  await settings.theme.selectOption('light');
  await expect(settings.alert).toContainText('Ferry could not save your settings to');
  await expect(settings.alert).toContainText('Check that the folder exists');

  await rm(ferry.profileDir);
  await settings.theme.selectOption('dark');
  await expect(settings.saveStatus).toHaveText('Saved');
  expect(app.pageErrors).toEqual([]);
});

test('opens the log folder from Settings, and says why when the desktop cannot', async ({ ferry }) => {
  const app = await ferry.launch();
  await app.page.setViewportSize({ width: 800, height: 600 });
  const settings = new SettingsPage(app.page);
  await new AppFrame(app.page).open('Settings');

  await settings.openLogFolder.click();
  await expect.poll(() => ferry.desktop.opened).toEqual([join(ferry.profileDir, 'logs')]);
  await expect(settings.alert).toHaveCount(0);
  await settings.openLogFolder.scrollIntoViewIfNeeded();
  await shootBothThemes(app, 'settings-logs');

  ferry.desktop.openPath = async () => 'No application is registered to open folders';
  await settings.openLogFolder.click();
  await expect(settings.alert).toContainText('Ferry could not open its log folder');
  await expect(settings.alert).toContainText('in your file manager instead');
  expect(app.pageErrors).toEqual([]);
});

test('with the theme set to follow the system, the window follows the OS from light to dark and back', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const frame = new AppFrame(app.page);
  await app.services.settings.update({ theme: 'system' });
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'system');
  await app.page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => frame.backgroundColor()).toBe('rgb(246, 247, 249)');

  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => frame.backgroundColor()).toBe('rgb(22, 24, 29)');
  await app.page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => frame.backgroundColor()).toBe('rgb(246, 247, 249)');

  // A theme chosen in Settings wins over the OS.
  await app.services.settings.update({ theme: 'dark' });
  await expect.poll(() => frame.backgroundColor()).toBe('rgb(22, 24, 29)');
  expect(app.pageErrors).toEqual([]);
});

test('follows settings changed by the main process', async ({ ferry }) => {
  const app = await ferry.launch();
  const settings = new SettingsPage(app.page);
  await new AppFrame(app.page).open('Settings');
  await expect(settings.theme).toHaveValue('system');

  await app.services.settings.update({ theme: 'light', maxParallelDownloads: 2 });
  await expect(settings.theme).toHaveValue('light');
  await expect(settings.parallelDownloads).toHaveValue('2');
});

test('runs under a strict CSP and reaches the main process only through the contract', async ({ ferry }) => {
  const app = await ferry.launch();
  const { page } = app;
  await expect(new AppFrame(page).heading).toHaveText('Downloads');

  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");

  const surface = await page.evaluate(async () => {
    const probe = window as unknown as Record<string, unknown>;
    const inline = document.createElement('script');
    inline.textContent = 'window.inlineRan = true';
    document.body.append(inline);
    const ferry = window.ferry as unknown as { invoke(channel: string, payload?: unknown): Promise<unknown> };
    return {
      methods: Object.keys(window.ferry),
      require: typeof probe.require,
      process: typeof probe.process,
      inlineRan: probe.inlineRan ?? false,
      unknown: await ferry.invoke('fs:readFile', '/etc/passwd'),
      invalid: await ferry.invoke('settings:update', { downloadDir: '/etc' }),
    };
  });
  expect(surface).toMatchObject({
    methods: ['invoke', 'on'],
    require: 'undefined',
    process: 'undefined',
    inlineRan: false,
    unknown: { ok: false, error: { code: 'unknown_channel' } },
    invalid: { ok: false, error: { code: 'invalid_payload' } },
  });
  expect(app.pageErrors.join('\n')).toContain('Content Security Policy');
});
