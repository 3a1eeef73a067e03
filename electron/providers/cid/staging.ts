import { mkdir, rm } from 'node:fs/promises';
import { sanitizeFileName } from '../../engine/file-name';
import { moveToFreeName } from '../../fs/move-no-clobber';
import type { FetchContext } from '../provider';

/**
 * Runs `work` in a fresh staging folder (first cleared of whatever a crashed
 * attempt left) and removes the folder afterwards, whatever happened: a
 * failed or stopped fetch leaves nothing in the destination.
 */
export async function inStaging<T>(staging: string, work: () => Promise<T>): Promise<T> {
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    return await work();
  } finally {
    // Best effort: the next attempt clears it too, and this must not hide the real outcome.
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Moves a finished file or folder into `directory` under `name` made safe, never replacing anything (see
 * `moveToFreeName`); `beforeMove` learns each name a file is about to take, before it takes it.
 */
export function placeContent(
  from: string,
  directory: string,
  name: string,
  beforeMove?: (to: string) => Promise<void>,
): Promise<string> {
  return moveToFreeName(from, directory, sanitizeFileName(name) || 'download', beforeMove);
}

/** The `beforeMove` that records a file's finishing state; none for a folder, which has no one hash to check. */
export function finishingAt(
  content: { size: number; sha256?: string | null },
  context: Pick<FetchContext, 'finishing'>,
): ((to: string) => Promise<void>) | undefined {
  const { size, sha256 } = content;
  return sha256 ? (to) => context.finishing({ path: to, size, sha256 }) : undefined;
}
