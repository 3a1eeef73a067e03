import type { Page } from '@playwright/test';

/**
 * Runs the real built preload inside the page. Electron is not here, so this
 * hands the preload an `electron` module whose contextBridge defines a window
 * global and whose ipcRenderer talks to the router through a Playwright binding.
 * Events come back through `window.__ferryDeliver`.
 */
export const INVOKE_BINDING = '__ferryInvoke';
export const DELIVER_FUNCTION = '__ferryDeliver';

export function preloadInitScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const listenersOf = (channel) => {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    return listeners.get(channel);
  };
  const ipcRenderer = {
    invoke: (channel, payload) => window.${INVOKE_BINDING}(channel, payload),
    on: (channel, listener) => listenersOf(channel).add(listener),
    removeListener: (channel, listener) => listenersOf(channel).delete(listener),
  };
  Object.defineProperty(window, '${DELIVER_FUNCTION}', {
    value: (channel, payload) => {
      for (const listener of listenersOf(channel)) listener({}, payload);
    },
  });
  const contextBridge = {
    exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true }),
  };
  const require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('A sandboxed preload cannot require ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

/** Hands an event to the page's preload; it runs inside the page, so it may use nothing from this module's scope. */
export function deliverInPage([name, event, payload]: readonly [string, string, unknown]): void {
  const deliver = (globalThis as unknown as Record<string, (event: string, payload: unknown) => void>)[name];
  deliver?.(event, payload);
}

/** Console errors and uncaught exceptions of the page, as they happen: a CSP violation or a render crash lands here. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
