import { describe, expect, it } from 'vitest';
import { appMenuTemplate, type MenuItemSpec } from '../../electron/desktop/app-menu-model';

function roles(item: MenuItemSpec | undefined): (string | undefined)[] {
  return (item?.submenu ?? []).filter((entry) => entry.type !== 'separator').map((entry) => entry.role ?? entry.label);
}

function menu(platform: NodeJS.Platform, development: boolean, opened: string[] = []) {
  return appMenuTemplate({ platform, development, openLogFolder: () => opened.push('logs') });
}

describe('the application menu', () => {
  it('on macOS starts with the app menu: about, hide, quit', () => {
    const [app] = menu('darwin', false);
    expect(app?.label).toBe('Ferry');
    expect(roles(app)).toEqual(['about', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('offers Settings… with Cmd+, in the macOS app menu when the window can be told to show it', () => {
    const [app] = appMenuTemplate({
      platform: 'darwin',
      development: false,
      openLogFolder: () => {},
      openSettings: () => {},
    });
    expect(app?.submenu?.find((item) => item.label === 'Settings…')?.accelerator).toBe('CommandOrControl+,');
  });

  it('has an Edit menu with the roles that make copy and paste work in fields, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const edit = menu(platform, false).find((item) => item.label === '&Edit');
      expect(roles(edit)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    }
  });

  it('offers reload and the developer tools only in development', () => {
    const view = (development: boolean) => roles(menu('linux', development).find((item) => item.label === '&View'));
    expect(view(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(view(false)).not.toContain('reload');
    expect(view(false)).not.toContain('toggleDevTools');
  });

  it('has File › Quit on Windows and Linux, a Window menu, and Help › Open Log Folder that opens it', () => {
    const opened: string[] = [];
    const template = menu('win32', false, opened);
    expect(template.map((item) => item.label ?? item.role)).toEqual(['&File', '&Edit', '&View', 'windowMenu', 'help']);
    expect(roles(template[0])).toEqual(['quit']);
    template.at(-1)?.submenu?.[0]?.click?.();
    expect(opened).toEqual(['logs']);
  });
});
