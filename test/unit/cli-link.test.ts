import { chmod, lstat, mkdir, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliLinkPlace, linkCliOntoPath } from '../../electron/desktop/cli-link';
import { cliLinkNote } from '../../shared/cli-link';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let dir: TempDir;
let place: CliLinkPlace;
beforeEach(async () => {
  dir = await makeTempDir('ferry-cli-link-');
  const launcher = join(dir.path, 'Ferry', 'resources', 'bin', 'ferry');
  await mkdir(join(dir.path, 'Ferry', 'resources', 'bin'), { recursive: true });
  await writeFile(launcher, '#!/bin/sh\n');
  await chmod(launcher, 0o755);
  place = {
    launcher,
    platform: 'linux',
    home: join(dir.path, 'home'),
    pathVariable: ['/usr/bin', '/bin'].join(delimiter),
    systemBin: join(dir.path, 'usr-local-bin'),
  };
});
afterEach(() => dir.remove());

describe('linking the ferry command onto PATH', () => {
  it('links the launcher into ~/.local/bin on Linux, making the folder, and says when PATH lacks it', async () => {
    const link = await linkCliOntoPath(place);
    const folder = join(place.home, '.local', 'bin');
    expect(link).toEqual({ linkPath: join(folder, 'ferry'), launcher: place.launcher, folder, folderOnPath: false });
    expect(await readlink(link.linkPath)).toBe(place.launcher);
    expect(cliLinkNote(link)).toContain(`add export PATH="${folder}:$PATH"`);
  });

  it('says nothing more when the folder is on PATH, and linking twice is fine', async () => {
    const folder = join(place.home, '.local', 'bin');
    const onPath = { ...place, pathVariable: [folder, '/usr/bin'].join(delimiter) };
    await linkCliOntoPath(onPath);
    const again = await linkCliOntoPath(onPath);
    expect(again.folderOnPath).toBe(true);
    expect(cliLinkNote(again)).toContain('Open a new terminal and type ferry --help.');
  });

  it('uses /usr/local/bin on macOS when it may write there, else ~/.local/bin', async () => {
    const mac = { ...place, platform: 'darwin' as const };
    expect((await linkCliOntoPath(mac)).folder).toBe(join(place.home, '.local', 'bin'));
    await mkdir(mac.systemBin as string);
    const link = await linkCliOntoPath(mac);
    expect(link.folder).toBe(mac.systemBin);
    expect((await lstat(link.linkPath)).isSymbolicLink()).toBe(true);
  });

  it('leaves another ferry where the link would go alone, and names it', async () => {
    const folder = join(place.home, '.local', 'bin');
    await mkdir(folder, { recursive: true });
    await symlink('/usr/bin/true', join(folder, 'ferry'));
    await expect(linkCliOntoPath(place)).rejects.toThrow(
      `There is already a ferry command at ${join(folder, 'ferry')}, and it is not this Ferry's.`,
    );
    expect(await readlink(join(folder, 'ferry'))).toBe('/usr/bin/true');
  });

  it('refuses from a source checkout, on Windows, and when the launcher is missing, saying what to do', async () => {
    await expect(linkCliOntoPath({ ...place, launcher: null })).rejects.toThrow(/runs from its source.*npm run ferry/);
    await expect(linkCliOntoPath({ ...place, platform: 'win32' })).rejects.toThrow(/On Windows, run ferry\.cmd/);
    await expect(linkCliOntoPath({ ...place, launcher: join(dir.path, 'gone') })).rejects.toThrow(
      /missing from this installation.*Reinstall Ferry/,
    );
  });

  it('refuses inside an AppImage, whose mount moves on every start, naming the .deb and --appimage-extract', async () => {
    const appImage = join(dir.path, 'Ferry-1.0.0.AppImage');
    await expect(linkCliOntoPath({ ...place, appImage })).rejects.toThrow(
      new RegExp(`runs as an AppImage.*Install Ferry's \\.deb.*${appImage} --appimage-extract`),
    );
    await expect(lstat(join(place.home, '.local', 'bin', 'ferry'))).rejects.toThrow(/ENOENT/);
  });

  it("replaces an earlier Ferry's link whose launcher is gone, such as an old AppImage mount", async () => {
    const folder = join(place.home, '.local', 'bin');
    await mkdir(folder, { recursive: true });
    await symlink('/tmp/.mount_FerryAbc123/resources/bin/ferry', join(folder, 'ferry'));
    const link = await linkCliOntoPath(place);
    expect(await readlink(link.linkPath)).toBe(place.launcher);
    expect(await readdir(folder)).toEqual(['ferry']);
  });

  it("replaces an earlier Ferry's link to another installation's launcher with the same text", async () => {
    const folder = join(place.home, '.local', 'bin');
    const older = join(dir.path, 'Old Ferry', 'resources', 'bin', 'ferry');
    await mkdir(join(dir.path, 'Old Ferry', 'resources', 'bin'), { recursive: true });
    await writeFile(older, '#!/bin/sh\n');
    await mkdir(folder, { recursive: true });
    await symlink(older, join(folder, 'ferry'));
    expect(await readlink((await linkCliOntoPath(place)).linkPath)).toBe(place.launcher);
  });

  it('still calls a live resources/bin/ferry with other text, or a plain file, foreign', async () => {
    const folder = join(place.home, '.local', 'bin');
    const other = join(dir.path, 'Other', 'resources', 'bin', 'ferry');
    await mkdir(join(dir.path, 'Other', 'resources', 'bin'), { recursive: true });
    await writeFile(other, '#!/bin/sh\necho another ferry\n');
    await mkdir(folder, { recursive: true });
    await symlink(other, join(folder, 'ferry'));
    await expect(linkCliOntoPath(place)).rejects.toThrow(/not this Ferry's/);
    expect(await readlink(join(folder, 'ferry'))).toBe(other);
    const mac = { ...place, platform: 'darwin' as const, home: join(dir.path, 'home2') };
    await mkdir(join(mac.home, '.local', 'bin'), { recursive: true });
    await writeFile(join(mac.home, '.local', 'bin', 'ferry'), '#!/bin/sh\n');
    await expect(linkCliOntoPath(mac)).rejects.toThrow(/not this Ferry's/);
  });
});
