import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CallChannel } from '../../shared/ipc/channels';
import { calls } from '../../shared/ipc/contract';
import { stringFields } from '../support/schema-strings';
import { openTestApp, type TestApp } from '../support/test-app';

/** A field name that says it holds a place on disk. */
const PATH_LIKE = /path|dir|folder|file|dest|output|location|cwd|root/i;

/**
 * The only free-text fields a window may send that name a place on disk, each with what keeps it in the folders the
 * person chose (and the test that shows it).
 */
const allowed: Record<string, string> = {
  // Must be a folder the system picker gave (settings.addFolders): folder-service.test.ts,
  // "refuses an add to a folder the picker did not give, and says how to choose one".
  'downloads:add directory': 'picked with the folder picker',
  // Relative folders below the chosen folder: no empty, "." or ".." parts, placeholders made safe ("below" tests here).
  'settings:update fileNameTemplate': 'folders below the chosen folder only',
};

function pathLikeFields(schemas: Record<string, { request: z.ZodType }>): string[] {
  return Object.entries(schemas).flatMap(([channel, { request }]) =>
    stringFields(request)
      .filter((field) => PATH_LIKE.test(field))
      .map((field) => `${channel} ${field}`),
  );
}

describe('what the window may send', () => {
  it('finds a path field where one is planted, so the scan below can fail', () => {
    const planted = { 'files:read': { request: z.strictObject({ source: z.object({ filePath: z.string() }) }) } };
    expect(pathLikeFields(planted)).toEqual(['files:read source.filePath']);
  });

  it('takes no file or folder path in any call, except the allowed ones', () => {
    expect(pathLikeFields(calls).sort()).toEqual(Object.keys(allowed).sort());
  });
});

describe('the window names downloads by id, never by path', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const byId: CallChannel[] = [
    'downloads:open',
    'downloads:showInFolder',
    'downloads:startDrag',
    'downloads:previewFile',
  ];

  it.each(byId)('%s refuses an id that does not exist, saying so, and touches nothing', async (channel) => {
    const result = await app.router.invoke(channel, { id: 424242 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Download 424242 no longer exists. Refresh the list and try again.' },
    });
    expect([...app.desktop.opened, ...app.desktop.shown, ...app.desktop.dragged]).toEqual([]);
  });

  it.each(byId)('%s refuses a path in place of an id, and touches nothing', async (channel) => {
    for (const payload of [{ path: '/etc/passwd' }, { id: '/etc/passwd' }, '/etc/passwd', { id: 1, path: '/etc' }]) {
      const result = await app.router.invoke(channel, payload);
      expect(result, JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: expect.stringContaining(`Ferry refused the "${channel}" request.`) },
      });
    }
    expect([...app.desktop.opened, ...app.desktop.shown, ...app.desktop.dragged]).toEqual([]);
  });

  it('refuses refs that name local files or shares, adding nothing', async () => {
    const local = [
      'file:///etc/passwd',
      '/etc/passwd',
      '~/.ssh/id_ed25519',
      'C:\\Windows\\win.ini',
      '\\\\server\\share\\x',
    ];
    for (const ref of local) {
      const added = await app.router.invoke('downloads:add', { refs: [ref] });
      expect(added, ref).toMatchObject({ ok: false, error: { code: 'invalid_ref', message: expect.any(String) } });
      const preview = await app.router.invoke('downloads:preview', { refs: [ref] });
      expect(preview, ref).toMatchObject({ ok: true, value: [{ ok: false }] });
    }
    expect(app.services.downloads.list()).toEqual([]);
  });

  it('keeps a file-name template below the chosen folder: no absolute path and no .. part', async () => {
    for (const template of ['/etc/{name}', '../{name}', '{provider}/../../{name}', 'C:\\x/{name}', '//{name}']) {
      const result = await app.router.invoke('settings:update', { fileNameTemplate: template });
      expect(result, template).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    expect(app.services.settings.get().fileNameTemplate).toBe('{name}');
  });
});
