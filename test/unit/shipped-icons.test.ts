import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { trayIconPath } from '../../electron/desktop/tray';
import type { TrayIconKind } from '../../electron/desktop/tray-model';
import { requireBuiltApp } from '../support/built-app';

vi.mock('electron', async () => {
  const { createElectronStandIn } = await import('../support/electron-stand-in');
  return createElectronStandIn({ paths: { userData: '/user-data', downloads: '/downloads' } }).electron;
});

/** Every image the tray and the taskbar may ask for is in the build, beside the window's files, where main.ts looks. */

const built = requireBuiltApp();
const iconDir = join(built.rendererDir, 'tray');
// A record, not a list, so a new kind of icon fails to compile here until it is added.
const kinds: Record<TrayIconKind, true> = { idle: true, active: true, attention: true };
const platforms: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

describe('the icons the build ships', () => {
  it.each(platforms)('has each tray icon on %s, with its @2x twin for sharp displays', (platform) => {
    for (const kind of Object.keys(kinds) as TrayIconKind[]) {
      const icon = trayIconPath(iconDir, kind, platform);
      expect(existsSync(icon), icon).toBe(true);
      expect(existsSync(icon.replace(/\.png$/, '@2x.png')), icon).toBe(true);
    }
  });

  it('has every image the main bundle names, the taskbar overlay and the drag icon among them', () => {
    const bundle = readFileSync(built.main, 'utf8');
    const named = [...new Set([...bundle.matchAll(/["'`]([\w@./-]+\.png)["'`]/g)].map((match) => match[1] as string))];
    expect(named.map((name) => basename(name))).toEqual(
      expect.arrayContaining(['overlay-failed.png', 'drag-icon.png']),
    );
    // A bare name is looked for in the tray's folder; a relative path, as main.ts writes it, from the bundle's own.
    const missing = named.filter(
      (name) => !existsSync(join(iconDir, name)) && !existsSync(resolve(dirname(built.main), name)),
    );
    expect(missing).toEqual([]);
  });
});
