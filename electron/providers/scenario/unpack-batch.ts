import { basename, dirname } from 'node:path';
import type { Download } from '../../../shared/downloads';
import { UnpackError } from '../../archives/archive-entry';
import { unpackMerging, unpackStagingName } from '../../archives/unpack';
import { exists } from '../../fs/move-no-clobber';
import type { PostProcessStep } from '../provider';

/**
 * A batch arrives as a ZIP of the assets; what a person wants is the assets,
 * in the destination as the ZIP lays them out, so a second batch into the same
 * folder adds to it. It is unpacked with the archives module's checks (nothing
 * outside the folder, sizes and CRCs checked, staged then moved, never
 * overwriting). The ZIP is removed once the batch is recorded done: a rerun
 * after a crash before then finds the ZIP and the same files, and adds none twice.
 * `--no-unpack` keeps the ZIP instead.
 */
export function unpackBatch(download: Download): PostProcessStep | null {
  if (!download.unpack) return null;
  return async (file, signal, options) => {
    if (!(await exists(file))) throw missingZip(file);
    const result = await unpackMerging(file, {
      stagingName: unpackStagingName(download.id),
      signal,
      limits: options?.limits,
    });
    return result ? { path: result.path, discardSource: true } : null;
  };
}

/** The ZIP goes only once the batch is recorded done, so it is missing only when someone removed it. */
function missingZip(file: string): UnpackError {
  return new UnpackError(
    `The batch's ZIP ${basename(file)} is no longer in ${dirname(file)}. Cancel this download and retry it to fetch the batch again.`,
  );
}
