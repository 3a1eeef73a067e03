import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Download } from '../../../shared/downloads';
import { UnpackError } from '../../archives/archive-entry';
import { unpackMerging } from '../../archives/unpack';
import { exists } from '../../fs/move-no-clobber';
import type { PostProcessStep } from '../provider';

/**
 * A batch arrives as a ZIP of the assets; what a person wants is the assets,
 * in the destination as the ZIP lays them out, so a second batch into the same
 * folder adds to it. It is unpacked with the archives module's checks (nothing
 * outside the folder, sizes and CRCs checked, staged then moved, never
 * overwriting), and the ZIP removed only once every file is in place: a rerun
 * after a crash finds the same files there and adds none twice.
 * `--no-unpack` keeps the ZIP instead.
 */
export function unpackBatch(download: Download): PostProcessStep | null {
  if (!download.unpack) return null;
  return async (file, signal) => {
    if (!(await exists(file))) throw missingZip(file);
    const result = await unpackMerging(file, { stagingName: `.ferry-unpack-${download.id}`, signal });
    if (!result) return null;
    await rm(file, { force: true });
    return result.path;
  };
}

/** The one crash Ferry cannot tell apart from a deleted ZIP: stopping between removing it and recording the batch done. */
function missingZip(file: string): UnpackError {
  return new UnpackError(
    `The batch's ZIP ${basename(file)} is no longer in ${dirname(file)}. If Ferry stopped right after unpacking it, its files are already there; otherwise cancel this download and retry it to fetch the batch again.`,
  );
}
