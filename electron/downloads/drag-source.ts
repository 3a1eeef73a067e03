import { realpath } from 'node:fs/promises';
import type { Download } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import { isWithin, savedFile } from './saved-file';

/**
 * What a drag out of the window hands another app: the saved file (see savedFile), and only when the folder Ferry
 * saved it to lies inside a folder the person chose (the download folder, a queue's folder, a folder picked for an
 * add), so a library row pointing elsewhere is never handed out.
 */
export async function dragSource(download: Download, chosenFolders: readonly string[]): Promise<string> {
  const source = await savedFile(download, 'drag out');
  const folder = await realpath(download.directory).catch(() => null);
  const roots = await Promise.all(chosenFolders.map((chosen) => realpath(chosen).catch(() => null)));
  if (!folder || !roots.some((root) => root !== null && isWithin(root, folder, true))) {
    throw new FerryError(
      'outside_folders',
      `Ferry will not drag out ${download.name ?? download.ref}: it was saved to ${download.directory}, which is not your download folder or a folder you chose for a queue or an add. Use Show in folder to find it.`,
    );
  }
  return source;
}
