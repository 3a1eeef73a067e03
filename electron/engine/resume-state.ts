import { rm } from 'node:fs/promises';
import { partPath } from './part-file';
import type { ResumeState } from './transfer-types';

/** Bytes on disk according to a resume state. */
export function receivedIn(state: ResumeState): number {
  if (state.size === null) return state.ranges[0]?.start ?? 0;
  const missing = state.ranges.reduce((sum, range) => sum + ((range.end ?? state.size ?? 0) - range.start), 0);
  return state.size - missing;
}

/** Deletes the part a resume state points to, for a download that no transfer is running. */
export async function removePart(directory: string, state: ResumeState | undefined): Promise<void> {
  if (state) await rm(partPath(directory, state.fileName), { force: true });
}
