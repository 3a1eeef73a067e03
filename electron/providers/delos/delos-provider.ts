import { CREDENTIALS_REFUSED } from '../../../shared/credentials-refusal';
import { platforms } from '../../../shared/platforms';
import type { Provider } from '../provider';
import { decodeEnvelopeStep } from './delos-envelope';
import { type LockedWait, resolveDelosFile } from './delos-file';
import { browseDelos, testDelos } from './delos-listing';
import { delosRefProblem, isDelosRef } from './delos-ref';

export interface DelosOptions {
  /** How long a locked file is waited for: the `delosLockedTimeoutMinutes` setting. */
  lockedTimeoutMs(): number;
  /** How often Delos is asked while a file is locked: from the first delay, doubling up to the last. */
  lockedRetry?: { firstDelayMs: number; maxDelayMs: number };
}

/**
 * Delos (seeds/delos-download-file.md, DESIGN.md section 5): files from
 * storage, signed with a login's access token (renewed before it lapses and
 * when refused) or a static token. There is no `refresh`: resolving again is
 * the refresh, since its first-byte request meets a lapsed token with 401 and
 * renews it, and the engine then resumes from the bytes it has.
 */
export function createDelosProvider(options: DelosOptions): Provider {
  const locked: LockedWait = {
    timeoutMs: options.lockedTimeoutMs,
    firstDelayMs: options.lockedRetry?.firstDelayMs ?? 1_000,
    maxDelayMs: options.lockedRetry?.maxDelayMs ?? 30_000,
  };
  // Refs whose file Delos answered as a JSON envelope when last resolved in this process.
  const envelopes = new Set<string>();
  return {
    id: 'delos',
    recognizes: isDelosRef,
    refProblem: delosRefProblem,
    describe: () => ({ kind: 'file' }),
    async resolve(ref, context) {
      const { spec, envelope } = await resolveDelosFile(ref, context, locked);
      if (envelope) envelopes.add(ref);
      else envelopes.delete(ref);
      return spec;
    },
    explainStatus,
    test: testDelos,
    browse: browseDelos,
    // Only envelopes are decoded, so other files never show `unpacking`. One already unpacking
    // (handed on, or left so by a crash before this process resolved it) is checked by its bytes.
    postProcess: (download) =>
      envelopes.has(download.ref) || download.status === 'unpacking' ? decodeEnvelopeStep : null,
  };
}

/** What the engine's failures mean, for a file whose token or state changed after it was resolved. */
function explainStatus(status: number, accountLabel: string | null): string | undefined {
  const account = accountLabel ? `"${accountLabel}"` : 'the account';
  if (status === 401) return `Delos ${CREDENTIALS_REFUSED} ${account} (HTTP 401). ${platforms.delos.credentialsHelp}`;
  if (status === 403) {
    return `Delos denied ${account} access to this file (HTTP 403). Ask for access to it, or check the customer in the ref, then retry.`;
  }
  if (status === 404) return 'Delos has no such file (HTTP 404). Check the file id, then retry.';
  if (status === 423) return 'Delos has locked this file (HTTP 423). Retry it once it is unlocked.';
  return undefined;
}
