import { constants } from 'node:fs';
import { access, lstat, mkdir, readlink, symlink } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
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
}

/**
 * Puts a `ferry` symbolic link to the installed launcher in a folder of commands: ~/.local/bin on Linux,
 * /usr/local/bin on macOS when writable (else ~/.local/bin). A `ferry` already there that is not this
 * launcher's link is left alone and named.
 */
export async function linkCliOntoPath(place: CliLinkPlace): Promise<CliLink> {
  const launcher = await installedLauncher(place);
  const folder = await linkFolder(place);
  const linkPath = join(folder, 'ferry');
  const existing = await readExistingLink(linkPath);
  if (existing === undefined) await createLink(launcher, folder, linkPath);
  else if (existing !== launcher) {
    throw new FerryError(
      'conflict',
      `There is already a ferry command at ${linkPath}, and it is not this Ferry's. Remove or rename it, then link again.`,
    );
  }
  return { linkPath, launcher, folder, folderOnPath: place.pathVariable.split(delimiter).includes(folder) };
}

async function installedLauncher(place: CliLinkPlace): Promise<string> {
  if (place.platform === 'win32') {
    throw new FerryError(
      'not_found',
      'On Windows, run ferry.cmd from the resources\\bin folder inside Ferry’s installation folder, or add that folder to PATH in System Settings.',
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
