import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallChannel } from '../../shared/ipc/channels';
import { calls } from '../../shared/ipc/contract';
import { requireBuiltApp } from '../support/built-app';
import {
  createElectronStandIn,
  type FakeBrowserWindow,
  type FakeInvokeEvent,
  loadBundle,
} from '../support/electron-stand-in';
import { malformedPayloads } from '../support/malformed-payloads';
import { samplePayloads } from '../support/sample-payloads';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const built = requireBuiltApp();
const contractChannels = Object.keys(calls) as CallChannel[];
let profile: TempDir;
let savedEnv: NodeJS.ProcessEnv;
let standIn: ReturnType<typeof createElectronStandIn>;
let window: FakeBrowserWindow;

beforeAll(async () => {
  profile = await makeTempDir();
  savedEnv = { ...process.env };
  process.env.FERRY_HOME = profile.path;
  delete process.env.ELECTRON_RENDERER_URL;
  standIn = createElectronStandIn({
    paths: { userData: `${profile.path}/user-data`, downloads: `${profile.path}/Downloads` },
  });
  loadBundle(built.main, standIn.electron);
  await vi.waitFor(() => expect(standIn.recording.windows).toHaveLength(1));
  window = standIn.recording.windows[0] as FakeBrowserWindow;
});

afterAll(async () => {
  const before = standIn.recording.quitCalls;
  standIn.app.emit('before-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(standIn.recording.quitCalls).toBe(before + 1));
  process.env = savedEnv;
  await profile.remove();
});

async function call(channel: CallChannel, event: FakeInvokeEvent, payload: unknown) {
  const handler = standIn.recording.handlers.get(channel);
  if (!handler) throw new Error(`the built main process has no handler for ${channel}`);
  return (await handler(event, payload)) as { ok: boolean; error?: { code: string; message: string } };
}

const refused = {
  ok: false,
  error: { code: 'forbidden_sender', message: expect.stringContaining('not part of Ferry') },
};

describe('the built main process refuses callers that are not the top frame of the app page', () => {
  it.each(contractChannels)('%s refuses a page from another origin', async (channel) => {
    const foreign = { url: 'https://evil.example/ferry.html' };
    const contents = Object.assign(Object.create(window.webContents), { mainFrame: foreign });
    expect(await call(channel, { sender: contents, senderFrame: foreign }, samplePayloads[channel])).toMatchObject(
      refused,
    );
  });

  it.each(contractChannels)('%s refuses a sub-frame of the app page, even one showing the app URL', async (channel) => {
    const subFrame = { url: window.loadedUrl ?? '' };
    expect(
      await call(channel, { sender: window.webContents, senderFrame: subFrame }, samplePayloads[channel]),
    ).toMatchObject(refused);
  });

  it.each(contractChannels)('%s refuses a sender whose frame is gone', async (channel) => {
    expect(
      await call(channel, { sender: window.webContents, senderFrame: null }, samplePayloads[channel]),
    ).toMatchObject(refused);
  });

  it('answers the app page itself, so the refusals above are about the sender', async () => {
    const own = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await call('app:ping', own, { nonce: 'n' })).toMatchObject({ ok: true, value: { nonce: 'n' } });
  });
});

describe('the built main process refuses malformed payloads from its own page', () => {
  it.each(contractChannels)(
    '%s answers every malformed payload with invalid_payload, never a throw',
    async (channel) => {
      const own = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
      for (const { label, payload } of malformedPayloads(channel)) {
        const result = await call(channel, own, payload);
        expect(result, label).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      }
      expect(standIn.recording.openedPaths).toEqual([]);
    },
  );
});

describe('the Electron checklist, on the built bundles', () => {
  it('the built page carries a strict Content-Security-Policy meta as its first head element', () => {
    const html = readFileSync(built.rendererIndex, 'utf8');
    const meta = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta, 'no CSP meta right after <head>').not.toBeNull();
    const policy = new Map(
      (meta?.[1] ?? '')
        .replaceAll('&#39;', "'")
        .split(';')
        .map((directive) => {
          const [name = '', ...values] = directive.trim().split(/\s+/);
          return [name, values] as const;
        }),
    );
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    const everything = [...policy.values()].flat();
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'ws:']) {
      expect(everything, loose).not.toContain(loose);
    }
  });

  it('no built bundle uses the remote module', () => {
    const bundles = [built.main, built.preload, ...filesUnder(join(built.main, '..', 'chunks'))];
    const rendererFiles = filesUnder(built.rendererDir).filter((file) => /\.(js|cjs|mjs|html)$/.test(file));
    expect(bundles.length).toBeGreaterThan(2);
    expect(rendererFiles.length).toBeGreaterThan(1);
    for (const file of [...bundles, ...rendererFiles]) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes('@electron/remote'), file).toBe(false);
      expect(text.includes('enableRemoteModule'), file).toBe(false);
    }
  });
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((entry) => join(folder, entry));
}
