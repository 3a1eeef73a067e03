import { rm } from 'node:fs/promises';
import type { Download } from '../../../shared/downloads';
import { unpackArchive } from '../../archives/unpack';
import type { PostProcessStep } from '../provider';

/**
 * A batch arrives as a ZIP of the assets; what a person wants is the assets.
 * It is unpacked with the archives module's checks (nothing outside the
 * folder, sizes and CRCs checked, staged then moved), and the ZIP removed
 * only once its contents are in place. `--no-unpack` keeps the ZIP instead.
 */
export function unpackBatch(download: Download): PostProcessStep | null {
  if (!download.unpack) return null;
  return async (file, signal) => {
    const result = await unpackArchive(file, { stagingName: `.ferry-unpack-${download.id}`, signal });
    if (!result) return null;
    await rm(file, { force: true });
    return result.path;
  };
}
