import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';

/**
 * A recording stand-in for the `electron` module, just wide enough for Ferry's
 * main and preload bundles. The Electron binary cannot run here, so the tests
 * load the real bundles against this and check what they asked Electron to do.
 */

export interface FakeFrame {
  url: string;
}

export interface FakeInvokeEvent {
  sender: FakeWebContents;
  senderFrame: FakeFrame | null;
}

type Handler = (event: FakeInvokeEvent, payload?: unknown) => unknown;

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame = { url: '' };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly drags: { file: string; icon: string }[] = [];

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isDestroyed(): boolean {
    return false;
  }

  startDrag(item: { file: string; icon: FakeImage }): void {
    this.drags.push({ file: item.file, icon: item.icon.path });
  }

  /** Fires a cancelable Electron event and tells whether a listener cancelled it. */
  attempt(name: string, url?: string): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export interface ElectronRecording {
  windows: FakeBrowserWindow[];
  handlers: Map<string, Handler>;
  quitCalls: number;
  exitCodes: number[];
  errorBoxes: { title: string; content: string }[];
  openedExternally: string[];
  openedPaths: string[];
  notifications: { title: string; body: string }[];
  permissionHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | null;
  exposedInMainWorld: Map<string, unknown>;
  rendererInvocations: { channel: string; payload: unknown }[];
  rendererListeners: Map<string, Set<(...args: unknown[]) => void>>;
  desktop: DesktopRecording;
}

export interface FakeBrowserWindow {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  webContents: FakeWebContents;
  loadedUrl: string | null;
  focused: number;
  bounds: { x: number; y: number; width: number; height: number };
  maximized: boolean;
}

interface StandInOptions {
  hasInstanceLock?: boolean;
  paths: { userData: string; downloads: string; chosenFolder?: string };
  /** A path Electron cannot find, as on a system with no XDG user folders. */
  failingPath?: 'userData' | 'downloads';
}

export function createElectronStandIn(options: StandInOptions) {
  const recording: ElectronRecording = {
    windows: [],
    handlers: new Map(),
    quitCalls: 0,
    exitCodes: [],
    errorBoxes: [],
    openedExternally: [],
    openedPaths: [],
    notifications: [],
    permissionHandler: null,
    permissionCheckHandler: null,
    exposedInMainWorld: new Map(),
    rendererInvocations: [],
    rendererListeners: new Map(),
    desktop: { trays: [], notifications: [], badgeCounts: [] },
  };
  const app = createApp(options, recording);
  const desktop = createPowerAndWindowFakes(app);
  const links = addLinkFakes(app);
  const drags = addDragFakes(app);

  class BrowserWindow extends EventEmitter implements FakeBrowserWindow {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    focused = 0;

    constructor(readonly options: FakeBrowserWindow['options']) {
      super();
      recording.windows.push(this);
      Object.assign(this, windowDesktopFakes(), windowLifeFakes(this, recording.windows, options.show !== false));
      app.emit('web-contents-created', {}, this.webContents);
      app.emit('browser-window-created', {}, this);
    }

    static getAllWindows = () => recording.windows;

    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      setImmediate(() => this.emit('ready-to-show'));
      return Promise.resolve();
    }

    focus = () => {
      this.focused += 1;
    };
    bounds = { x: 0, y: 0, width: 800, height: 600 };
    maximized = false;
    setBounds = (bounds: FakeBrowserWindow['bounds']) => {
      this.bounds = bounds;
    };
    getNormalBounds = () => this.bounds;
    isMaximized = () => this.maximized;
    maximize = () => {
      this.maximized = true;
    };
  }

  const electron = {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => recording.errorBoxes.push({ title, content }),
      showOpenDialog: async () => ({ canceled: false, filePaths: [options.paths.chosenFolder ?? '/chosen'] }),
    },
    ...desktopModules(recording),
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: ElectronRecording['permissionHandler']) => {
          recording.permissionHandler = handler;
        },
        setPermissionCheckHandler: (handler: ElectronRecording['permissionCheckHandler']) => {
          recording.permissionCheckHandler = handler;
        },
      },
    },
    shell: {
      openExternal: async (url: string) => {
        recording.openedExternally.push(url);
      },
      openPath: async (path: string) => {
        recording.openedPaths.push(path);
        return '';
      },
      showItemInFolder: (path: string) => recording.openedPaths.push(`show:${path}`),
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => recording.handlers.set(channel, handler),
      removeHandler: (channel: string) => recording.handlers.delete(channel),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => recording.exposedInMainWorld.set(key, api),
    },
    ipcRenderer: createIpcRenderer(recording),
    ...desktop.fakes,
    clipboard: links.clipboard,
    webContents: drags.webContents,
  };
  return { electron, recording, app, desktop: desktop.recording, links, drags: drags.recording };
}

function createApp(options: StandInOptions, recording: ElectronRecording) {
  const app = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(app, {
    isPackaged: false,
    requestSingleInstanceLock: () => options.hasInstanceLock ?? true,
    whenReady: () => Promise.resolve(),
    getPath: (name: 'userData' | 'downloads') => {
      if (name === options.failingPath) throw new Error(`Failed to get '${name}' path`);
      return options.paths[name];
    },
    getVersion: () => '0.0.0-test',
    // As Electron's does, quitting asks the before-quit listeners first, which may hold it.
    quit: () => {
      recording.quitCalls += 1;
      app.emit('before-quit', { preventDefault: () => undefined });
    },
    exit: (code: number) => recording.exitCodes.push(code),
    setBadgeCount: (count: number) => recording.desktop.badgeCounts.push(count),
  });
  return app;
}

/** What the deep links and the clipboard watch asked of Electron: protocol registrations, clipboard reads. */
export interface LinkRecording {
  protocols: { scheme: string; executable?: string; args?: string[] }[];
  clipboardReads: number;
  /** What the fake clipboard holds; a test "copies" by setting it. */
  clipboardText: string;
}

function addLinkFakes(app: EventEmitter & Record<string, unknown>) {
  const recording: LinkRecording = { protocols: [], clipboardReads: 0, clipboardText: '' };
  let ready = false;
  void Promise.resolve().then(() => {
    ready = true;
  });
  Object.assign(app, {
    isReady: () => ready,
    setAsDefaultProtocolClient: (scheme: string, executable?: string, args?: string[]) => {
      recording.protocols.push({ scheme, ...(executable ? { executable } : {}), ...(args ? { args } : {}) });
      return true;
    },
  });
  const clipboard = {
    readText: async () => {
      recording.clipboardReads += 1;
      return recording.clipboardText;
    },
  };
  return { recording, clipboard };
}

/** What the drag-out adapter may find: the focused web contents, and the system's icon for a file. */
export interface DragRecording {
  /** The web contents with the focus; null falls back to the window's, as when a drag starts unfocused. */
  focused: FakeWebContents | null;
  /** How app.getFileIcon answers: with the system's icon, an empty image, or an error. */
  fileIcon: 'system' | 'empty' | 'fails';
  iconRequests: string[];
}

function addDragFakes(app: EventEmitter & Record<string, unknown>) {
  const recording: DragRecording = { focused: null, fileIcon: 'system', iconRequests: [] };
  Object.assign(app, {
    getFileIcon: async (path: string): Promise<FakeImage> => {
      recording.iconRequests.push(path);
      if (recording.fileIcon === 'fails') throw new Error('Failed to get file icon.');
      const empty = recording.fileIcon === 'empty';
      return { path: `system-icon:${path}`, isEmpty: () => empty };
    },
  });
  const webContents = { getFocusedWebContents: () => recording.focused };
  return { recording, webContents };
}

function createIpcRenderer(recording: ElectronRecording) {
  const listenersOf = (channel: string) => {
    const existing = recording.rendererListeners.get(channel) ?? new Set();
    recording.rendererListeners.set(channel, existing);
    return existing;
  };
  return {
    invoke: async (channel: string, payload: unknown) => {
      recording.rendererInvocations.push({ channel, payload });
      return { ok: true, value: null };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => listenersOf(channel).add(listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => listenersOf(channel).delete(listener),
  };
}

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Loads a built CommonJS bundle, handing it `electron` whenever it asks for the module. */
export function loadBundle(bundlePath: string, electron: unknown): unknown {
  const loader = Module as unknown as { _load: ModuleLoad };
  const original = loader._load;
  loader._load = function (this: unknown, request, parent, isMain) {
    if (request === 'electron') return electron;
    return original.call(this, request, parent, isMain);
  };
  const require = createRequire(import.meta.url);
  try {
    delete require.cache[bundlePath];
    return require(bundlePath);
  } finally {
    loader._load = original;
  }
}

/** What the power, network, login-item, window-state and menu adapters asked of Electron. */
export interface PowerAndWindowRecording {
  online: boolean;
  blockers: { id: number; type: string; stopped: boolean }[];
  /** Emit 'suspend' or 'resume' on it to play the computer sleeping and waking. */
  powerMonitor: EventEmitter;
  displays: { workArea: { x: number; y: number; width: number; height: number } }[];
  menuTemplates: unknown[];
  loginItems: { openAtLogin: boolean; args?: string[] }[];
}

function createPowerAndWindowFakes(app: EventEmitter & Record<string, unknown>) {
  const recording: PowerAndWindowRecording = {
    online: true,
    blockers: [],
    powerMonitor: new EventEmitter(),
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }],
    menuTemplates: [],
    loginItems: [],
  };
  Object.assign(app, {
    setLoginItemSettings: (settings: { openAtLogin: boolean; args?: string[] }) => recording.loginItems.push(settings),
    getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
    getAppPath: () => '/ferry-app',
  });
  const fakes = {
    net: { isOnline: () => recording.online },
    powerSaveBlocker: {
      start: (type: string) => {
        const id = recording.blockers.length + 1;
        recording.blockers.push({ id, type, stopped: false });
        return id;
      },
      stop: (id: number) => {
        const blocker = recording.blockers.find((candidate) => candidate.id === id);
        if (blocker) blocker.stopped = true;
      },
      isStarted: (id: number) => recording.blockers.some((blocker) => blocker.id === id && !blocker.stopped),
    },
    powerMonitor: recording.powerMonitor,
    screen: { getAllDisplays: () => recording.displays },
    // A menu is its template here: the tray's context menus and the app menu are read back as such.
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => recording.menuTemplates.push(menu),
    },
  };
  return { fakes, recording };
}

/** What the tray, notifications, taskbar progress and dock badge asked of Electron. */
export interface DesktopRecording {
  trays: FakeTray[];
  notifications: FakeNotification[];
  badgeCounts: number[];
}

export interface FakeImage {
  path: string;
  isEmpty(): boolean;
}

export interface FakeMenuItem {
  type?: string;
  label?: string;
  enabled?: boolean;
  click?: () => void;
}

export class FakeTray extends EventEmitter {
  readonly images: string[] = [];
  readonly tooltips: string[] = [];
  readonly menus: FakeMenuItem[][] = [];

  constructor(image: FakeImage) {
    super();
    this.images.push(image.path);
  }

  setImage = (image: FakeImage) => this.images.push(image.path);
  setToolTip = (tooltip: string) => this.tooltips.push(tooltip);
  setContextMenu = (menu: FakeMenuItem[]) => this.menus.push(menu);
  isDestroyed = () => false;

  /** The menu as it reads now: labels, with separators as '---' and disabled items in brackets. */
  menuLabels(): string[] {
    return (this.menus.at(-1) ?? []).map((item) =>
      item.type === 'separator' ? '---' : item.enabled === false ? `[${item.label}]` : (item.label ?? ''),
    );
  }

  clickItem(label: string): void {
    const item = this.menus.at(-1)?.find((candidate) => candidate.label === label);
    if (!item?.click) throw new Error(`The tray menu has no item "${label}"`);
    item.click();
  }
}

export class FakeNotification extends EventEmitter {
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
}

/** A window's taskbar and visibility, which the desktop features read and set. */
export interface FakeWindowDesktop {
  visible: boolean;
  focusedNow: boolean;
  progressBars: number[];
  overlays: { icon: string | null; description: string }[];
  show(): void;
  hide(): void;
  minimize(): void;
  isMinimized(): boolean;
  /** Closes the window for good, as the person closing it (with close to tray off) does. */
  destroy(): void;
  isVisible(): boolean;
  isFocused(): boolean;
  isDestroyed(): boolean;
  setProgressBar(progress: number): void;
  setOverlayIcon(icon: FakeImage | null, description: string): void;
}

/** The taskbar and visibility side of a stand-in window. */
export function desktopOf(window: FakeBrowserWindow): FakeWindowDesktop {
  return window as unknown as FakeWindowDesktop;
}

function windowDesktopFakes(): Omit<
  FakeWindowDesktop,
  'visible' | 'show' | 'hide' | 'minimize' | 'isMinimized' | 'destroy'
> {
  return {
    focusedNow: false,
    progressBars: [],
    overlays: [],
    // Methods, not arrows: they are copied onto the window, and `this` is that window when Ferry calls them.
    isVisible(this: FakeWindowDesktop) {
      return this.visible;
    },
    isFocused() {
      return this.focusedNow;
    },
    isDestroyed: () => false,
    setProgressBar(progress) {
      this.progressBars.push(progress);
    },
    setOverlayIcon(icon, description) {
      this.overlays.push({ icon: icon?.path ?? null, description });
    },
  };
}

function desktopModules(recording: ElectronRecording) {
  return {
    Tray: class extends FakeTray {
      constructor(image: FakeImage) {
        super(image);
        recording.desktop.trays.push(this);
      }
    },
    nativeImage: { createFromPath: (path: string): FakeImage => ({ path, isEmpty: () => false }) },
    Notification: class extends FakeNotification {
      static isSupported = () => true;
      show() {
        recording.notifications.push(this.options);
        recording.desktop.notifications.push(this);
      }
    },
  };
}

/**
 * A stand-in window's life as Electron tells it: it starts hidden when made with `show: false`, says `show`, `hide`,
 * `minimize` and `restore` as they happen, and `destroy()` removes it as closing it for real would.
 */
function windowLifeFakes(window: EventEmitter & FakeBrowserWindow, windows: FakeBrowserWindow[], visible: boolean) {
  const desktop = desktopOf(window);
  let minimized = false;
  return {
    visible,
    show: () => {
      if (desktop.visible) return;
      desktop.visible = true;
      window.emit('show');
    },
    hide: () => {
      if (!desktop.visible) return;
      desktop.visible = false;
      window.emit('hide');
    },
    minimize: () => {
      if (minimized) return;
      minimized = true;
      window.emit('minimize');
    },
    restore: () => {
      if (!minimized) return;
      minimized = false;
      window.emit('restore');
    },
    isMinimized: () => minimized,
    destroy: () => {
      windows.splice(windows.indexOf(window), 1);
      window.emit('closed');
      window.webContents.emit('destroyed');
    },
  };
}
