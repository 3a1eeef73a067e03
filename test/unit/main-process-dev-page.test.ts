import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requireBuiltApp } from '../support/built-app';
import { createElectronStandIn, type FakeBrowserWindow, loadBundle } from '../support/electron-stand-in';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const built = requireBuiltApp();
let profile: TempDir;
let savedEnv: NodeJS.ProcessEnv;
let quit: (() => Promise<void>) | null = null;

beforeEach(async () => {
  profile = await makeTempDir();
  savedEnv = { ...process.env };
  process.env.FERRY_HOME = profile.path;
  // The dev server's page carries no CSP (its hot reload needs inline script): a shipped app must never load it.
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
});

afterEach(async () => {
  await quit?.();
  quit = null;
  Reflect.deleteProperty(process, 'resourcesPath');
  process.env = savedEnv;
  await profile.remove();
});

async function loadedUrl(isPackaged: boolean): Promise<string> {
  const standIn = createElectronStandIn({
    paths: { userData: `${profile.path}/user-data`, downloads: `${profile.path}/Downloads` },
  });
  standIn.app.isPackaged = isPackaged;
  // Electron sets it for a packaged app; the CLI launcher is looked up there.
  if (isPackaged) Object.assign(process, { resourcesPath: `${profile.path}/resources` });
  loadBundle(built.main, standIn.electron);
  await vi.waitFor(() => expect(standIn.recording.windows).toHaveLength(1));
  quit = async () => {
    standIn.app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(standIn.recording.quitCalls).toBe(1));
  };
  return (standIn.recording.windows[0] as FakeBrowserWindow).loadedUrl ?? '';
}

describe('the page the built main process loads', () => {
  it('is the built page, with its CSP, in a packaged app even when ELECTRON_RENDERER_URL names a dev server', async () => {
    expect(fileURLToPath(await loadedUrl(true))).toBe(built.rendererIndex);
  });

  it('is the dev server only in development, so the check above can fail', async () => {
    expect(await loadedUrl(false)).toBe('http://localhost:5173/');
  });
});
