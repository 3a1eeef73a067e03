import { chmod, lstat, mkdir, readlink, symlink, writeFile } from 'node:fs/promises';
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
});
