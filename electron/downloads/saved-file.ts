import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type { Download } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import { exists } from '../fs/move-no-clobber';

/** What the person asked Ferry to do with a finished download, for the messages. */
export type SavedFileUse = 'open' | 'show' | 'drag out' | 'preview';

/**
 * The finished file (or the folder it was unpacked into) as it lies on disk now, checked to still lead inside the
 * folder Ferry saved it to: a file swapped for a link to elsewhere is refused, so opening, showing, dragging or
 * previewing a download never reaches a file the person did not download there.
 */
export async function savedFile(
  download: Download,
  use: SavedFileUse,
  candidates = [download.unpackedTo, download.path],
) {
  const name = download.name ?? download.ref;
  if (download.status !== 'done' || !download.path) {
    throw new FerryError('not_found', `${name} has not finished yet, so there is no file to ${use}.`);
  }
  const source = await firstExisting(candidates);
  if (!source) {
    throw new FerryError(
      'not_found',
      `${download.path} is no longer there. It was moved or deleted outside Ferry; download it again if you need it.`,
    );
  }
  const folder = await realpath(download.directory).catch(() => download.directory);
  if (!isWithin(folder, await realpath(source), false)) {
    throw new FerryError(
      'outside_folders',
      `Ferry will not ${use} ${name}: ${source} now leads outside ${download.directory}, where Ferry saved it. Download it again if you need it.`,
    );
  }
  return source;
}

/** Whether `path` is inside `folder` (or is it, when `orSame`), compared as real paths. */
export function isWithin(folder: string, path: string, orSame: boolean): boolean {
  const rel = relative(folder, path);
  if (rel === '') return orSame;
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith('../') && !rel.startsWith('..\\');
}

async function firstExisting(paths: (string | null | undefined)[]): Promise<string | null> {
  for (const path of paths) {
    if (path && (await exists(path))) return path;
  }
  return null;
}
