import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { tabTo } from './keyboard';
import { AppFrame } from './pages/app-frame';
import { type DesktopSwitch, SettingsPage } from './pages/settings-page';

/** The desktop's switches in Settings: each one saves its own setting, by mouse and by keyboard alone. */

test('each desktop switch saves its setting when clicked, and again when clicked back', async ({ ferry }) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Settings');
  const settings = new SettingsPage(app.page);
  const switches = Object.entries(settings.desktopSwitches) as [DesktopSwitch, Locator][];
  expect(switches).toHaveLength(8);
  for (const [key, checkbox] of switches) {
    const before = app.services.settings.get()[key];
    await expect(checkbox).toBeChecked({ checked: before });
    await checkbox.click();
    await expect.poll(() => app.services.settings.get()[key], { message: key }).toBe(!before);
    await expect(checkbox).toBeChecked({ checked: !before });
    await checkbox.click();
    await expect.poll(() => app.services.settings.get()[key], { message: key }).toBe(before);
  }
  expect(app.pageErrors).toEqual([]);
});

test('the desktop switches are reached with Tab and toggled with Space, in the order they are shown', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  await new AppFrame(app.page).open('Settings');
  const settings = new SettingsPage(app.page);
  await settings.notify.focus();
  const flipped: Partial<Record<DesktopSwitch, boolean>> = {};
  for (const [key, checkbox] of Object.entries(settings.desktopSwitches) as [DesktopSwitch, Locator][]) {
    await tabTo(app.page, checkbox);
    flipped[key] = !app.services.settings.get()[key];
    await app.page.keyboard.press('Space');
    await expect.poll(() => app.services.settings.get()[key], { message: key }).toBe(flipped[key]);
  }
  expect(app.services.settings.get()).toMatchObject(flipped);
  expect(app.pageErrors).toEqual([]);
});
