import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// js-yaml, the parser electron-builder reads this same file with (a dev dependency here too, so it stays reachable).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface Target {
  target: string[];
  icon: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: { from: string; to: string }[];
  protocols: { name: string; schemes: string[] }[];
  mac: Target & {
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
    fileAssociations: { ext: string[]; name: string; role: string; rank: string }[];
  };
  fileAssociations?: unknown;
  win: Target & { fileAssociations?: unknown };
  linux: Target & { executableName: string };
}

const config = yaml.load(readFileSync(join(root, 'build', 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const inRoot = (path: string) => join(root, path);

describe('the electron-builder config', () => {
  it('declares the app id, the product name and the ferry:// protocol', () => {
    expect(config.appId).toBe('app.ferry.desktop');
    expect(config.productName).toBe('Ferry');
    expect(config.protocols).toEqual([{ name: 'Ferry link', schemes: ['ferry'] }]);
  });

  it('offers Ferry in macOS Open With for .txt and .csv lists without taking text files over, nowhere else', () => {
    expect(config.mac.fileAssociations).toEqual([
      { ext: ['txt', 'csv'], name: 'List of links', role: 'Viewer', rank: 'Alternate' },
    ]);
    expect(config.fileAssociations).toBeUndefined();
    expect(config.win.fileAssociations).toBeUndefined();
  });

  it('builds a dmg and a zip with the hardened runtime on macOS, nsis on Windows, AppImage and deb on Linux', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('names an entitlements file that exists and allows what Electron needs under the hardened runtime', () => {
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(readFileSync(inRoot(file), 'utf8')).toContain('com.apple.security.cs.allow-jit');
    }
  });

  it('ships the built app and its package.json, without source maps, and the main entry is among them', () => {
    expect(config.files).toEqual(['out/**', 'package.json', '!**/*.map']);
    const main = (JSON.parse(readFileSync(inRoot('package.json'), 'utf8')) as { main: string }).main;
    expect(main).toMatch(/^out\//);
  });

  it('has every icon it names: the 1024 px source, the Windows .ico and the Linux sizes', () => {
    expect(pngSize(config.mac.icon)).toEqual({ width: 1024, height: 1024 });
    expect(readFileSync(inRoot(config.win.icon)).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(`${config.linux.icon}/${size}x${size}.png`)).toEqual({ width: size, height: size });
    }
  });

  it('ships the ferry launchers: an executable shell script and a Windows .cmd, both running the bundled CLI', () => {
    expect(config.extraResources).toEqual([
      { from: 'build/bin/ferry', to: 'bin/ferry' },
      { from: 'build/bin/ferry.cmd', to: 'bin/ferry.cmd' },
    ]);
    for (const { from } of config.extraResources) {
      expect(existsSync(inRoot(from)), from).toBe(true);
      const launcher = readFileSync(inRoot(from), 'utf8');
      expect(launcher).toContain('ELECTRON_RUN_AS_NODE=1');
      expect(launcher).toMatch(/out[/\\]main[/\\]cli\.cjs/);
    }
    expect(statSync(inRoot('build/bin/ferry')).mode & 0o111).not.toBe(0);
  });

  it('names the Linux binary apart from the command line, and the launcher runs that binary', () => {
    expect(config.linux.executableName).toBe('ferry-app');
    expect(readFileSync(inRoot('build/bin/ferry'), 'utf8')).toContain(`"$resources/../${config.linux.executableName}"`);
  });

  it('is what npm run dist builds with', () => {
    const scripts = (JSON.parse(readFileSync(inRoot('package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.dist).toContain('electron-builder --config build/electron-builder.yml');
  });
});

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(inRoot(path));
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
