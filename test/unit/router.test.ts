import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRouter, type Router } from '../../electron/ipc/router';
import { createServices, type Services } from '../../electron/services';
import { callChannels } from '../../shared/ipc/channels';
import type { IpcEvent } from '../../shared/ipc/contract';
import { calls } from '../../shared/ipc/contract';
import { defaultSettings, type Settings } from '../../shared/settings';
import { type CapturedLogger, captureLogger } from '../support/capture-logger';
import { recordingDesktop } from '../support/recording-desktop';
import { isExpectedAnswer, samplePayloads } from '../support/sample-payloads';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let profile: TempDir;
let logger: CapturedLogger;
let desktop: ReturnType<typeof recordingDesktop>;
let services: Services;
let router: Router;

beforeEach(async () => {
  profile = await makeTempDir();
  logger = captureLogger();
  desktop = recordingDesktop();
  services = await createServices({
    desktop,
    profileDir: profile.path,
    downloadsDir: '/home/artist/Downloads',
    version: '1.2.3',
    logger,
  });
  router = createRouter(services);
});

afterEach(async () => {
  await services.dispose();
  await profile.remove();
});

describe('valid calls', () => {
  it('answers app:info with the version and profile it was built with', async () => {
    const result = await router.invoke('app:info', undefined);
    expect(result).toMatchObject({
      ok: true,
      value: { name: 'Ferry', version: '1.2.3', profileDir: profile.path, runtime: { node: process.versions.node } },
    });
  });

  it('echoes the nonce of app:ping', async () => {
    const result = await router.invoke('app:ping', { nonce: 'n-42' });
    expect(result.ok && result.value).toMatchObject({ nonce: 'n-42', receivedAt: expect.any(Number) });
  });

  it('returns default settings, with the platform Downloads folder, before anything is saved', async () => {
    const result = await router.invoke('settings:get', undefined);
    expect(result).toEqual({ ok: true, value: defaultSettings('/home/artist/Downloads') });
    expect(result.ok && (result.value as Settings).downloadDir).toBe('/home/artist/Downloads');
  });

  it('applies a settings patch and returns the whole new settings', async () => {
    const result = await router.invoke('settings:update', { theme: 'dark', maxParallelDownloads: 8 });
    expect(result.ok && result.value).toMatchObject({ theme: 'dark', maxParallelDownloads: 8, speedLimit: 0 });
    expect(await router.invoke('settings:get', undefined)).toMatchObject({ value: { theme: 'dark' } });
  });
});

describe('app:openLogFolder', () => {
  it('opens <profile>/logs on the desktop, creating it first', async () => {
    const logs = join(profile.path, 'logs');
    expect(await router.invoke('app:openLogFolder', undefined)).toEqual({ ok: true, value: undefined });
    expect(desktop.opened).toEqual([logs]);
    expect((await stat(logs)).isDirectory()).toBe(true);
  });

  it('says what went wrong when the desktop cannot open it', async () => {
    desktop.openPath = async () => 'No application is registered to open folders';
    const result = await router.invoke('app:openLogFolder', undefined);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('No application is registered to open folders') },
    });
    expect(!result.ok && result.error.message).toContain(`Open ${join(profile.path, 'logs')} in your file manager`);
  });

  it('says so when the folder cannot be created, and opens nothing', async () => {
    await writeFile(join(profile.path, 'logs'), 'a file where the folder should be');
    const result = await router.invoke('app:openLogFolder', undefined);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'storage', message: expect.stringContaining('a file stands where the folder should be') },
    });
    expect(desktop.opened).toEqual([]);
  });
});

describe('responses', () => {
  it.each(callChannels)('%s answers with what its response schema describes', async (channel) => {
    const result = await router.invoke(channel, samplePayloads[channel]);
    expect(isExpectedAnswer(result), JSON.stringify(result)).toBe(true);
    if (result.ok) expect(calls[channel].response.safeParse(result.value).success).toBe(true);
  });
});

describe('invalid payloads', () => {
  it('refuses a value outside the schema with the field and the reason', async () => {
    const result = await router.invoke('settings:update', { maxParallelDownloads: 99 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_payload',
        message:
          'Ferry refused the "settings:update" request. maxParallelDownloads: Run at most 16 downloads at a time. Correct the value and try again; if you did not type it, restart Ferry.',
        issues: [{ path: 'maxParallelDownloads', message: 'Run at most 16 downloads at a time.' }],
      },
    });
  });

  it('refuses fields the renderer may not set, such as the download folder', async () => {
    const result = await router.invoke('settings:update', { downloadDir: '/etc' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(services.settings.get().downloadDir).toBe('/home/artist/Downloads');
  });

  it.each([
    ['a payload where none is expected', 'settings:get', { sneaky: true }],
    ['a missing payload', 'app:ping', undefined],
    ['a payload of the wrong type', 'settings:update', 'theme=dark'],
    ['a wrongly typed field', 'settings:update', { notifyOnComplete: 'yes' }],
    ['an over-long string', 'app:ping', { nonce: 'x'.repeat(201) }],
  ])('refuses %s without calling the service', async (_label, channel, payload) => {
    const get = vi.spyOn(services.settings, 'get');
    const update = vi.spyOn(services.settings, 'update');
    const result = await router.invoke(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.any(String) } });
    expect(get).not.toHaveBeenCalled();
    expect(update).not.toHaveBeenCalled();
  });

  it('treats a field sent as undefined as unchanged, as Electron keeps such keys', async () => {
    const result = await router.invoke('settings:update', { theme: undefined, maxParallelDownloads: 2 });
    expect(result.ok && result.value).toMatchObject({ theme: 'system', maxParallelDownloads: 2 });
    expect(services.settings.get().theme).toBe('system');
  });
});

describe('unknown channels', () => {
  it.each(['fs:readFile', 'settings:delete', '__proto__', 'constructor', 42, null, undefined])(
    'answers %s with unknown_channel',
    async (channel) => {
      const result = await router.invoke(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    },
  );

  it('keeps an absurdly long channel name out of the message', async () => {
    const result = await router.invoke('x'.repeat(10_000), undefined);
    expect(!result.ok && result.error.message.length).toBeLessThan(300);
  });
});

describe('failures inside services', () => {
  it('turns a storage failure into its own code and a message that says what to do', async () => {
    await profile.remove();
    await writeFile(profile.path, 'a file where the profile folder should be');
    const result = await router.invoke('settings:update', { theme: 'light' });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect(!result.ok && result.error.message).toMatch(/could not save your settings to .*settings\.json.*try again/);
    expect(services.settings.get().theme).toBe('system');
  });

  it('hides an unexpected exception behind an internal error and logs it', async () => {
    services.settings.get = () => {
      throw new TypeError('boom at line 12');
    };
    const result = await router.invoke('settings:get', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!result.ok && result.error.message).not.toContain('boom');
    expect(logger.lines.join('\n')).toContain('boom at line 12');
  });
});

describe('events', () => {
  it('emits settings:changed with the saved settings after an update', async () => {
    const received: IpcEvent[] = [];
    router.onEvent((event) => received.push(event));
    await router.invoke('settings:update', { notifyOnComplete: false });
    expect(received).toEqual([{ event: 'settings:changed', payload: services.settings.get() }]);
    expect(received[0]?.payload).toMatchObject({ notifyOnComplete: false });
  });

  it('emits nothing when the update was refused', async () => {
    const received: IpcEvent[] = [];
    router.onEvent((event) => received.push(event));
    await router.invoke('settings:update', { theme: 'neon' });
    expect(received).toEqual([]);
  });

  it('stops delivering to a listener that unsubscribed', async () => {
    const received: IpcEvent[] = [];
    const unsubscribe = router.onEvent((event) => received.push(event));
    unsubscribe();
    await router.invoke('settings:update', { theme: 'light' });
    expect(received).toEqual([]);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const received: IpcEvent[] = [];
    router.onEvent(() => {
      throw new Error('listener bug');
    });
    router.onEvent((event) => received.push(event));
    const result = await router.invoke('settings:update', { theme: 'light' });
    expect(result.ok).toBe(true);
    expect(received).toHaveLength(1);
    expect(logger.lines.join('\n')).toContain('listener bug');
  });
});
