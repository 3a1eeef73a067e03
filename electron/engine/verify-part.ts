import { EngineError } from './engine-error';
import type { PartFile } from './part-file';

/** Refuses a file whose announced size is not the one the provider said it would be. */
export function checkOfferedSize(offered: number | null, expected: number | undefined, host: string): void {
  if (expected !== undefined && offered !== null && expected !== offered) {
    throw new EngineError(
      'verification',
      `${host} offers ${offered} bytes, but ${expected} were expected. The file may have changed; get a fresh link.`,
    );
  }
}

/** What a complete part proved to be. */
export interface VerifiedPart {
  size: number;
  sha256: string;
}

/**
 * Checks a complete part against the size the server announced and the hash
 * the spec expects, and gives its sha256 (hashed as it arrived). A mismatch
 * comes back as the error to report, not thrown, because the caller must
 * discard the part before reporting it.
 */
export async function verifyPart(
  part: PartFile,
  expectedSize: number | null,
  expectedSha256: string | undefined,
): Promise<VerifiedPart | EngineError> {
  const size = await part.size();
  if (expectedSize !== null && size !== expectedSize) {
    return new EngineError(
      'verification',
      `${part.name} had ${size} bytes on disk instead of ${expectedSize}, so it was discarded. Download it again.`,
    );
  }
  const sha256 = await part.sha256(size);
  if (expectedSha256 && sha256 !== expectedSha256.toLowerCase()) {
    return new EngineError(
      'verification',
      `${part.name} does not match its expected checksum, so it was discarded. Download it again; if it keeps failing, the source file is damaged.`,
    );
  }
  return { size, sha256 };
}
