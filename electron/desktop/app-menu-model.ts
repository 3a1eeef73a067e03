/** The part of Electron's MenuItemConstructorOptions Ferry's menu uses, so the template is built without Electron. */
export interface MenuItemSpec {
  label?: string;
  role?:
    | 'about'
    | 'hide'
    | 'hideOthers'
    | 'unhide'
    | 'quit'
    | 'undo'
    | 'redo'
    | 'cut'
    | 'copy'
    | 'paste'
    | 'pasteAndMatchStyle'
    | 'delete'
    | 'selectAll'
    | 'reload'
    | 'forceReload'
    | 'toggleDevTools'
    | 'resetZoom'
    | 'zoomIn'
    | 'zoomOut'
    | 'togglefullscreen'
    | 'minimize'
    | 'zoom'
    | 'close'
    | 'front'
    | 'appMenu'
    | 'fileMenu'
    | 'editMenu'
    | 'viewMenu'
    | 'windowMenu'
    | 'help';
  type?: 'separator';
  accelerator?: string;
  submenu?: MenuItemSpec[];
  click?: () => void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Reload and the developer tools are for development builds only. */
  development: boolean;
  openLogFolder(): void;
  /** Shows the window's Settings; absent when the window cannot be told to. */
  openSettings?(): void;
}

const separator: MenuItemSpec = { type: 'separator' };

/**
 * Ferry's application menu. The Edit menu's roles are what make copy and
 * paste work in text fields on macOS, where shortcuts go through the menu.
 */
export function appMenuTemplate(context: MenuContext): MenuItemSpec[] {
  const mac = context.platform === 'darwin';
  return [
    ...(mac ? [macAppMenu(context)] : [{ label: '&File', submenu: [{ role: 'quit' as const }] }]),
    editMenu(mac),
    viewMenu(context.development),
    {
      role: 'windowMenu',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      submenu: [{ label: 'Open Log Folder', click: () => context.openLogFolder() }],
    },
  ];
}

function macAppMenu(context: MenuContext): MenuItemSpec {
  const settings: MenuItemSpec[] = context.openSettings
    ? [{ label: 'Settings…', accelerator: 'CommandOrControl+,', click: context.openSettings }, separator]
    : [];
  return {
    label: 'Ferry',
    submenu: [
      { role: 'about' },
      separator,
      ...settings,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
}

function editMenu(mac: boolean): MenuItemSpec {
  return {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
}

function viewMenu(development: boolean): MenuItemSpec {
  const developer: MenuItemSpec[] = development
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : [];
  return {
    label: '&View',
    submenu: [
      ...developer,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
}
