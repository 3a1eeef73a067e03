import { rm, stat } from 'node:fs/promises';
import type { Download } from '../../shared/downloads';
import { partPath } from '../engine/part-file';
import type { FinishingFile } from '../engine/transfer-types';
import { exists } from '../fs/move-no-clobber';
import { sha256File } from '../fs/sha256-file';
import type { Logger } from '../logs/logger';
import type { DownloadStore } from '../store/download-store';
import { fetchStaging } from './leftovers';

export interface FinishedEarlierContext {
  store: Pick<DownloadStore, 'resume'>;
  logger: Logger;
}

/**
 * The file of a download whose done mark was lost: the engine records where a
 * complete file goes just before renaming it there, and a crash or power loss
 * between that rename and the done mark leaves the row in flight with no part
 * left. That file, checked by its size and sha256, is the download; fetching
 * it again would only save a second copy beside it. Null when the download
 * must run as usual: it was not finishing, its part is still there (the engine
 * finishes it again), or the file is gone or differs (then it starts afresh).
 */
export async function finishedEarlier(
  download: Download,
  context: FinishedEarlierContext,
): Promise<FinishingFile | null> {
  const state = context.store.resume.of(download.id);
  const finishing = state?.finishing;
  if (!state || !finishing) return null;
  const part = partPath(download.directory, state.fileName);
  // The move is a hard link and then an unlink: a crash between them leaves the part as a second name of the file.
  if (await sameFile(part, finishing.path)) await rm(part, { force: true });
  if (await exists(part)) return null;
  if (await isFile(finishing)) {
    // A provider's fetch moves its file the same way, from its staging folder: a crash before the folder went leaves it.
    await rm(fetchStaging(download.directory, download.id), { recursive: true, force: true });
    context.logger.info(
      `Download ${download.id} had finished as ${finishing.path}; its done mark was lost, now restored.`,
    );
    return finishing;
  }
  context.logger.warn(
    `Download ${download.id} had finished as ${finishing.path}, but that file is gone or was changed since, so it downloads again.`,
  );
  context.store.resume.clear(download.id);
  return null;
}

async function isFile(expected: FinishingFile): Promise<boolean> {
  const found = await stat(expected.path).catch(() => null);
  if (!found?.isFile() || found.size !== expected.size) return false;
  return (await sha256File(expected.path).catch(() => null)) === expected.sha256;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  return first !== null && second !== null && first.dev === second.dev && first.ino === second.ino;
}
