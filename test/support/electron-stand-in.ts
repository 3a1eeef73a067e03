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

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isDestroyed(): boolean {
    return false;
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
}

export interface FakeBrowserWindow {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  webContents: FakeWebContents;
  loadedUrl: string | null;
  focused: number;
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
  };
  const app = createApp(options, recording);
  const links = addLinkFakes(app);

  class BrowserWindow extends EventEmitter implements FakeBrowserWindow {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    focused = 0;

    constructor(readonly options: FakeBrowserWindow['options']) {
      super();
      recording.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }

    static getAllWindows = () => recording.windows;

    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }

    isMinimized = () => false;
    restore = () => undefined;
    show = () => undefined;
    focus = () => {
      this.focused += 1;
    };
  }

  const electron = {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => recording.errorBoxes.push({ title, content }),
      showOpenDialog: async () => ({ canceled: false, filePaths: [options.paths.chosenFolder ?? '/chosen'] }),
    },
    Notification: class {
      static isSupported = () => true;
      constructor(readonly shown: { title: string; body: string }) {}
      show() {
        recording.notifications.push(this.shown);
      }
    },
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
    clipboard: links.clipboard,
  };
  return { electron, recording, app, links };
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
    quit: () => {
      recording.quitCalls += 1;
    },
    exit: (code: number) => recording.exitCodes.push(code),
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
