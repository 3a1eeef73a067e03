import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { numberedName, splitExtension } from '../engine/file-name';
import { sameBytes } from '../fs/same-bytes';
import type { Logger } from '../logs/logger';
import type { DownloadStore } from '../store/download-store';

export interface EarlierCopyContext {
  store: Pick<DownloadStore, 'claims'>;
  logger: Logger;
}

/**
 * A download saved as `name (n)` because `name` was taken, by a file holding
 * the very same bytes that no download in the library claims: the library
 * lost the download that saved it (its journal was deleted before a crash),
 * or it was put there by hand. That file is the download; the new copy goes.
 * A file another download claims stays apart: asking twice for one link
 * keeps two files, as it always did.
 */
export async function takeEarlierCopy<T extends { path: string }>(
  id: number,
  finished: T,
  context: EarlierCopyContext,
): Promise<T> {
  const numbered = numberOf(basename(finished.path));
  if (!numbered) return finished;
  for (let n = 0; n < numbered.n; n++) {
    const candidate = join(dirname(finished.path), n === 0 ? numbered.wanted : numberedName(numbered.wanted, n));
    if (context.store.claims(candidate) || !(await sameBytes(candidate, finished.path).catch(() => false))) continue;
    await rm(finished.path, { force: true });
    context.logger.info(
      `Download ${id} found its file already at ${candidate}, unknown to the library and with the same bytes; it takes that one instead of keeping a second copy.`,
    );
    return { ...finished, path: candidate };
  }
  return finished;
}

/** `model (2).bin` is the second number taken for `model.bin`; null for a name with no number. */
function numberOf(name: string): { wanted: string; n: number } | null {
  const { base, extension } = splitExtension(name);
  const match = / \((\d{1,4})\)$/.exec(base);
  if (!match?.[1]) return null;
  return { wanted: base.slice(0, match.index) + extension, n: Number(match[1]) };
}
