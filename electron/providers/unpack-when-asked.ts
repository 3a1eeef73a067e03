import type { Download } from '../../shared/downloads';
import { unpackArchive, unpackStagingName } from '../archives/unpack';
import type { PostProcessStep } from './provider';

/** The post-processing of providers whose files are only archives when a person downloads one: unpack on request. */
export function unpackWhenAsked(download: Download): PostProcessStep | null {
  if (!download.unpack) return null;
  return async (file, signal, options) => {
    const result = await unpackArchive(file, { stagingName: unpackStagingName(download.id), signal, ...options });
    return result ? { path: result.path } : null;
  };
}
