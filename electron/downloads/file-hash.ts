import { sha256File } from '../fs/sha256-file';
import type { Logger } from '../logs/logger';
import type { DownloadStore } from '../store/download-store';

/**
 * Hashes a finished file into its library row, for a file whose hash did not
 * come with it (the engine hashes as it downloads; post-processing may rewrite
 * a file). The hash is for history: a file that cannot be read back right now
 * is still done, with its hash unknown (null).
 */
export async function recordSha256(
  context: { store: DownloadStore; logger: Logger },
  id: number,
  path: string,
): Promise<string | null> {
  try {
    const sha256 = await sha256File(path);
    context.store.setSha256(id, sha256);
    return sha256;
  } catch (error) {
    context.logger.warn(`Ferry could not record the checksum of download ${id}:`, error);
    return null;
  }
}
