import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type { Download } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import { exists } from '../fs/move-no-clobber';

/**
 * What a drag out of the window hands another app: the finished file (or the folder it was unpacked into), and only
 * when it lies in the folder Ferry saved it to, itself inside a folder the person chose (the download folder, a
 * queue's folder, a folder picked for an add). A file swapped for a link to elsewhere, or a library row pointing
 * outside those folders, is refused, so a drag never hands out a file the person did not download there.
 */
export async function dragSource(download: Download, chosenFolders: readonly string[]): Promise<string> {
  const name = download.name ?? download.ref;
  if (download.status !== 'done' || !download.path) {
    throw new FerryError('not_found', `${name} has not finished yet, so there is no file to drag out.`);
  }
  const source = await firstExisting([download.unpackedTo, download.path]);
  if (!source) {
    throw new FerryError(
      'not_found',
      `${download.path} is no longer there. It was moved or deleted outside Ferry; download it again if you need it.`,
    );
  }
  const folder = await realpath(download.directory).catch(() => null);
  const roots = await Promise.all(chosenFolders.map((chosen) => realpath(chosen).catch(() => null)));
  if (!folder || !roots.some((root) => root !== null && isWithin(root, folder, true))) {
    throw new FerryError(
      'outside_folders',
      `Ferry will not drag out ${name}: it was saved to ${download.directory}, which is not your download folder or a folder you chose for a queue or an add. Use Show in folder to find it.`,
    );
  }
  if (!isWithin(folder, await realpath(source), false)) {
    throw new FerryError(
      'outside_folders',
      `Ferry will not drag out ${name}: ${source} now leads outside ${download.directory}, where Ferry saved it. Download it again if you need it.`,
    );
  }
  return source;
}

async function firstExisting(paths: (string | null)[]): Promise<string | null> {
  for (const path of paths) {
    if (path && (await exists(path))) return path;
  }
  return null;
}

/** Whether `path` is inside `folder` (or is it, when `orSame`), compared as real paths. */
function isWithin(folder: string, path: string, orSame: boolean): boolean {
  const rel = relative(folder, path);
  if (rel === '') return orSame;
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith('../') && !rel.startsWith('..\\');
}
