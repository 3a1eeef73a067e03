import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/ipc/router';
import type { Services } from '../../electron/services';
import type { Download } from '../../shared/downloads';
import { openTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let profile: TestApp['profile'];
let services: Services;
let router: Router;
let desktop: TestApp['desktop'];

beforeEach(async () => {
  app = await openTestApp();
  ({ profile, services, router, desktop } = app);
});
afterEach(() => app.close());

describe('folders chosen in the main process', () => {
  it('sets the download folder from the picker, and keeps it when the picker is canceled', async () => {
    desktop.nextFolder = join(profile.path, 'Assets');
    expect(await router.invoke('settings:chooseDownloadDir', undefined)).toMatchObject({
      ok: true,
      value: { downloadDir: join(profile.path, 'Assets') },
    });
    desktop.nextFolder = null;
    expect(await router.invoke('settings:chooseDownloadDir', undefined)).toMatchObject({
      ok: true,
      value: { downloadDir: join(profile.path, 'Assets') },
    });
    expect(services.settings.get().downloadDir).toBe(join(profile.path, 'Assets'));
  });

  it('gives a queue its own folder, where its new downloads go', async () => {
    const created = await router.invoke('queues:create', { name: 'Textures', concurrency: 2 });
    const queueId = created.ok ? (created.value as { id: number }).id : 0;
    desktop.nextFolder = join(profile.path, 'Textures');
    expect(await router.invoke('queues:chooseFolder', { id: queueId })).toMatchObject({
      ok: true,
      value: { directory: join(profile.path, 'Textures') },
    });
    const added = await router.invoke('downloads:add', { refs: ['https://cdn.example.com/wood.png'], queueId });
    expect(added.ok && (added.value as Download[])[0]?.directory).toBe(join(profile.path, 'Textures'));
  });

  it('sends one add to a picked folder, leaving the queue and the settings as they were', async () => {
    const picked = join(profile.path, 'Just this once');
    desktop.nextFolder = picked;
    expect(await router.invoke('downloads:chooseFolder', undefined)).toEqual({ ok: true, value: { folder: picked } });
    const added = await router.invoke('downloads:add', { refs: ['https://cdn.example.com/a.png'], directory: picked });
    expect(added.ok && (added.value as Download[])[0]?.directory).toBe(picked);
    const later = await router.invoke('downloads:add', { refs: ['https://cdn.example.com/b.png'] });
    expect(later.ok && (later.value as Download[])[0]?.directory).not.toBe(picked);
    expect(services.downloads.queues()[0]?.directory).toBeNull();
    expect(services.settings.get().downloadDir).not.toBe(picked);
  });

  it("puts the file-name template's folders below a picked folder", async () => {
    await services.settings.update({ fileNameTemplate: '{provider}/{queue}/{name}' });
    const picked = join(profile.path, 'Client work');
    desktop.nextFolder = picked;
    await router.invoke('downloads:chooseFolder', undefined);
    const added = await router.invoke('downloads:add', { refs: ['https://cdn.example.com/a.png'], directory: picked });
    expect(added.ok && (added.value as Download[])[0]?.directory).toBe(join(picked, 'http', 'Default'));
  });

  it('remembers picked folders across a restart and opens the picker in the last one', async () => {
    const first = join(profile.path, 'First');
    const second = join(profile.path, 'Second');
    desktop.nextFolder = first;
    await router.invoke('downloads:chooseFolder', undefined);
    desktop.nextFolder = second;
    await router.invoke('downloads:chooseFolder', undefined);
    expect(desktop.pickerStartedIn).toEqual([services.settings.get().downloadDir, first]);

    const again = await openTestApp('dl', profile);
    try {
      const added = await again.router.invoke('downloads:add', {
        refs: ['https://cdn.example.com/a.png'],
        directory: first,
      });
      expect(added.ok && (added.value as Download[])[0]?.directory).toBe(first);
      again.desktop.nextFolder = null;
      await again.router.invoke('downloads:chooseFolder', undefined);
      expect(again.desktop.pickerStartedIn).toEqual([second]);
    } finally {
      await again.close();
    }
  });

  it('refuses a remembered folder that the renderer tries to set through the settings', async () => {
    const updated = await router.invoke('settings:update', { addFolders: ['/etc'] } as never);
    expect(updated.ok).toBe(false);
    expect(services.settings.get().addFolders).toEqual([]);
  });

  it('refuses an add to a folder the picker did not give, and says how to choose one', async () => {
    desktop.nextFolder = null;
    expect(await router.invoke('downloads:chooseFolder', undefined)).toEqual({ ok: true, value: { folder: null } });
    const added = await router.invoke('downloads:add', { refs: ['https://cdn.example.com/a.png'], directory: '/etc' });
    expect(added).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringContaining('Choose the folder again') },
    });
    expect(services.downloads.list()).toHaveLength(0);
  });
});
