import { FerryError } from '../../../shared/errors';
import { UnpackError } from '../../archives/archive-entry';
import { EngineError } from '../../engine/engine-error';
import { describeFsError } from '../../fs/describe-fs-error';

/**
 * Any failure of a CID fetch as the engine's error, which says whether trying
 * again can help: broken connections and busy servers are retryable already
 * (they come from the engine's own helpers); a sign-in refused, an archive that
 * will not unpack, a full disk or content that is not a file are final.
 */
export function asFetchError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof FerryError) {
    return new EngineError(error.code === 'network' ? 'network' : 'http_4xx', reason, { cause: error });
  }
  if (error instanceof UnpackError) {
    return new EngineError('bad_response', `The CID store's TAR answer could not be unpacked: ${reason}`, {
      cause: error,
    });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new EngineError('disk_full', 'The disk filled up during the download. Free some space, then retry.', {
      cause: error,
    });
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new EngineError(
      'disk',
      `Ferry could not write the download (${describeFsError(error)}). Check the download folder, then retry.`,
      { cause: error },
    );
  }
  return new EngineError('bad_response', `The content could not be rebuilt (${reason}).`, { cause: error });
}

/**
 * What a CID fetch fails with once it stops trying: the CID store refusing the
 * account (its sign-in refused or failing, its token refused even after signing
 * in again) as the platform's own error, which the download records as the
 * platform refusing, naming the account, as other platforms' refusals are;
 * anything else as the engine's error.
 */
export function fetchFailure(error: unknown): Error {
  const cause = error instanceof EngineError ? error.cause : error;
  return cause instanceof FerryError && cause.code !== 'network' ? cause : asFetchError(error);
}
