import { stat } from 'node:fs/promises';
import type { UnpackLimits } from '../../archives/unpack-limits';
import type { RetryPolicy } from '../../engine/retry-policy';
import type { Provider, ProviderAccount } from '../provider';
import { callApi } from '../provider-http';
import { unpackWhenAsked } from '../unpack-when-asked';
import { type CidRef, parseCidRef, recognizesCidRef } from './cid-ref';
import { gatewayFetch } from './gateway-fetch';
import type { GatewayChoice } from './gateways';
import { storeFetch } from './store-fetch';
import { credentialsRefused, storeSignIn } from './store-sign-in';

export interface CidProviderOptions {
  /** Read at each download, so a changed setting applies to the next one. */
  gateways(): GatewayChoice;
  /** How often an answer that broke off is fetched again from the start. */
  retry?: RetryPolicy;
  /** How far the CID store's TAR answer may unpack: the settings', read at each download. */
  unpackLimits?: () => UnpackLimits;
}

/** Neither a CID store's answer nor a CAR can be resumed: a few fresh starts, a few seconds apart. */
const fetchRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * Content by its CID (DESIGN.md section 5): from the CID store with an
 * account, through its Kubo-style `get`; without one (or with `--gateway`),
 * from IPFS trustless gateways, every block checked against its CID.
 */
export function createCidProvider(options: CidProviderOptions): Provider {
  const retry = options.retry ?? fetchRetryPolicy;
  return {
    id: 'cid',
    recognizes: recognizesCidRef,
    refProblem: (ref) => {
      const parsed = parseCidRef(ref);
      return typeof parsed === 'string' ? parsed : null;
    },
    // A file or a folder: only the store or the gateway knows which.
    describe: () => ({ kind: 'cid' }),
    async resolve(ref, { account, signal }) {
      const parsed = parseCidRef(ref) as CidRef;
      const choice = options.gateways();
      if (choice.forced || !account) return gatewayFetch(parsed, choice.urls, retry);
      const signIn = storeSignIn(account);
      // Signed in now, while the download shows resolving.
      await signIn.current(signal);
      return storeFetch(parsed, signIn, retry, options.unpackLimits);
    },
    test: testAccount,
    // A file that is a ZIP or TAR is unpacked on request, as direct links are; a folder is what it is.
    postProcess(download) {
      const unpack = unpackWhenAsked(download);
      if (!unpack) return null;
      return async (path, signal, limits) => ((await stat(path)).isFile() ? unpack(path, signal, limits) : null);
    },
  };
}

/**
 * Signs in when the account does, then asks `get` for nothing: a store that
 * takes the token answers that the argument is missing, one that does not
 * answers 401 or 403.
 */
async function testAccount(account: ProviderAccount): Promise<string> {
  const signIn = storeSignIn(account);
  const session = await signIn.renew();
  const url = `${session.endpoint.replace(/\/+$/, '')}/api/v1/get`;
  const answer = await callApi(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}` },
    platform: 'The CID store',
    provider: 'cid',
    accountKey: signIn.accountKey,
  });
  if (answer.status === 401 || answer.status === 403) throw credentialsRefused(account.label, answer.status);
  const host = new URL(url).host;
  return signIn.renewable
    ? `Signed in to the CID store as ${account.credentials.login}: ${host} takes the token it handed out.`
    : `The CID store at ${host} takes the token of "${account.label}".`;
}
