import { constants } from 'node:fs';
import { access, lstat, mkdir, readFile, readlink, rename, symlink } from 'node:fs/promises';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import type { CliLink } from '../../shared/cli-link';
import { FerryError } from '../../shared/errors';

export interface CliLinkPlace {
  /** The launcher an installed Ferry ships (resources/bin/ferry); null when Ferry runs from a source checkout. */
  launcher: string | null;
  platform: NodeJS.Platform;
  home: string;
  /** The PATH Ferry was started with, to tell whether the link's folder is on it. */
  pathVariable: string;
  /** Where a link may go for everyone on macOS, when the person may write there. */
  systemBin?: string;
  /** The AppImage Ferry runs from (its APPIMAGE variable); absent for every other kind of install. */
  appImage?: string;
}

/**
 * Puts a `ferry` symbolic link to the installed launcher in a folder of commands: ~/.local/bin on Linux,
 * /usr/local/bin on macOS when writable (else ~/.local/bin). An earlier Ferry's link there is replaced; any
 * other `ferry` is left alone and named.
 */
export async function linkCliOntoPath(place: CliLinkPlace): Promise<CliLink> {
  const launcher = await installedLauncher(place);
  const folder = await linkFolder(place);
  const linkPath = join(folder, 'ferry');
  const existing = await readExistingLink(linkPath);
  if (existing === undefined) await createLink(launcher, folder, linkPath);
  else if (existing !== launcher) await replaceEarlierLink(existing, launcher, linkPath);
  return { linkPath, launcher, folder, folderOnPath: place.pathVariable.split(delimiter).includes(folder) };
}

async function installedLauncher(place: CliLinkPlace): Promise<string> {
  if (place.platform === 'win32') {
    throw new FerryError(
      'not_found',
      'On Windows, run ferry.cmd from the resources\\bin folder inside Ferry’s installation folder, or add that folder to PATH in System Settings.',
    );
  }
  if (place.appImage) {
    // An AppImage is mounted at a new temporary folder on every start and unmounted when Ferry quits, so a link
    // to the launcher inside would break as soon as Ferry closes. A wrapper that runs the AppImage itself cannot
    // help either: the AppImage starts the window's binary through its AppRun, and the command line's script
    // sits inside the mount whose place the wrapper cannot know. So Ferry says what works instead.
    throw new FerryError(
      'not_found',
      `Ferry runs as an AppImage (${place.appImage}), whose files move to a new temporary folder every time it starts, so a linked ferry command would stop working once Ferry quits. Install Ferry's .deb package instead, or unpack the AppImage with ${place.appImage} --appimage-extract, start squashfs-root/ferry-app from where it was unpacked, and link again from its Settings.`,
    );
  }
  if (!place.launcher) {
    throw new FerryError(
      'not_found',
      'This Ferry runs from its source, not from an installer, so it has no ferry command to link. Run npm run ferry -- <command> in its folder instead.',
    );
  }
  try {
    await access(place.launcher, constants.X_OK);
  } catch {
    throw new FerryError(
      'not_found',
      `The ferry command is missing from this installation (${place.launcher}). Reinstall Ferry, then link again.`,
    );
  }
  return place.launcher;
}

async function linkFolder(place: CliLinkPlace): Promise<string> {
  const systemBin = place.systemBin ?? '/usr/local/bin';
  if (place.platform === 'darwin' && (await writable(systemBin))) return systemBin;
  return join(place.home, '.local', 'bin');
}

async function writable(folder: string): Promise<boolean> {
  return access(folder, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/** What the `ferry` there points to; '' for a file that is no link, undefined when there is none. */
async function readExistingLink(linkPath: string): Promise<string | undefined> {
  const stats = await lstat(linkPath).catch(() => null);
  if (!stats) return undefined;
  return stats.isSymbolicLink() ? readlink(linkPath) : '';
}

/**
 * Whether a link found where Ferry's would go is one an earlier Ferry made: it points at a launcher inside an
 * installation (…/resources/bin/ferry) that is gone (moved, uninstalled, an old mount) or holds this launcher's
 * very text. Such a link is replaced, not reported as someone else's command.
 */
async function isEarlierFerryLink(target: string, linkPath: string, launcher: string): Promise<boolean> {
  if (!target) return false;
  const absolute = resolve(dirname(linkPath), target);
  if (!absolute.endsWith(`${sep}${join('resources', 'bin', 'ferry')}`)) return false;
  const [theirs, ours] = await Promise.all([readFile(absolute, 'utf8').catch(() => null), readFile(launcher, 'utf8')]);
  return theirs === null || theirs === ours;
}

/** Swaps an earlier Ferry's link for this one in one rename, so `ferry` never goes missing on the way. */
async function replaceEarlierLink(existing: string, launcher: string, linkPath: string): Promise<void> {
  if (!(await isEarlierFerryLink(existing, linkPath, launcher))) {
    throw new FerryError(
      'conflict',
      `There is already a ferry command at ${linkPath}, and it is not this Ferry's. Remove or rename it, then link again.`,
    );
  }
  const fresh = `${linkPath}.ferry-new-${process.pid}`;
  await createLink(launcher, dirname(linkPath), fresh);
  await rename(fresh, linkPath);
}

async function createLink(launcher: string, folder: string, linkPath: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    await symlink(launcher, linkPath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FerryError(
      'storage',
      `Ferry could not link the ferry command into ${folder}: ${reason}. Check that you may write there, then link again.`,
    );
  }
}
