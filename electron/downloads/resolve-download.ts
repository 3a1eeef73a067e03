import type { DownloadError } from '../../shared/download-errors';
import type { Download } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import { platforms } from '../../shared/platforms';
import type { AccountStore } from '../accounts/account-store';
import { findSigningAccount, signingAccount } from '../accounts/signing-account';
import type { FinishingFile } from '../engine/transfer-types';
import { accountKey, accountThrottle } from '../providers/account-throttle';
import type { Provider, ProviderAccount, Resolution, ResolveContext } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import { type FinishedEarlierContext, finishedEarlier } from './finished-earlier';

export interface Resolved {
  spec: Resolution;
  provider: Provider;
  accountLabel: string | null;
  /** The account's key in the throttle that a 429 holds; null without an account. */
  accountKey: string | null;
}

/**
 * Why a download could not be resolved, that it was stopped meanwhile (a pause,
 * a cancel, Ferry quitting), or that its file is already complete on disk.
 */
export type Unresolved =
  | { failed: DownloadError }
  | { stopped: true }
  | { finished: FinishingFile; provider: Provider };

export interface ResolveOptions extends FinishedEarlierContext {
  providers: ProviderRegistry;
  accounts?: AccountStore;
  /** After a link or token expired mid-download: the provider's refresh, when it has one. */
  refresh: boolean;
  signal: AbortSignal;
  waiting(reason: string): void;
}

/**
 * Asks the download's provider for what the engine fetches, signed with its
 * account. The provider may call its platform first (a signed link, a login,
 * a batch job), so this takes time and stops at once when `signal` aborts.
 */
export async function resolveDownload(download: Download, options: ResolveOptions): Promise<Resolved | Unresolved> {
  const problem = options.providers.refProblem(download.ref);
  const provider = options.providers.forRef(download.ref);
  if (problem || !provider) {
    return { failed: { code: 'bad_ref', message: problem ?? `Ferry cannot download "${download.ref}".` } };
  }
  // Before anything reaches the platform: a file that is already complete needs no request at all.
  const finished = await finishedEarlier(download, options);
  if (finished) return { finished, provider };
  let account: ProviderAccount | null;
  try {
    account = accountFor(download, provider, options.accounts);
  } catch (error) {
    return { failed: { code: 'account', message: messageOf(error) } };
  }
  const context: ResolveContext = { account, signal: options.signal, waiting: options.waiting };
  try {
    // A platform that answered 429 rations the whole account: its downloads wait too, not only its API calls.
    if (account) await waitOutHold(accountKey(provider.id, account), options);
    const fetch = options.refresh && provider.refresh ? provider.refresh : provider.resolve;
    const spec = await fetch.call(provider, download.ref, context);
    if (options.signal.aborted) return { stopped: true };
    return {
      spec,
      provider,
      accountLabel: account?.label ?? null,
      accountKey: account ? accountKey(provider.id, account) : null,
    };
  } catch (error) {
    if (options.signal.aborted) return { stopped: true };
    const code = error instanceof FerryError && error.code === 'network' ? 'network' : 'provider';
    return { failed: { code, message: messageOf(error) } };
  }
}

/** Shows why the download does not start yet (its account is held after a 429), then waits the hold out. */
async function waitOutHold(key: string, options: ResolveOptions): Promise<void> {
  const until = accountThrottle.heldUntil(key);
  if (until === null) return;
  options.waiting(`the platform asked Ferry to slow down until ${new Date(until).toLocaleTimeString()}`);
  await accountThrottle.wait(key, options.signal);
}

/** The account that signs the download, its secrets read from the keychain now; null for platforms without one. */
function accountFor(
  download: Download,
  provider: Provider,
  accounts: AccountStore | undefined,
): ProviderAccount | null {
  const need = platforms[provider.id].account;
  if (need === 'none') return null;
  if (need === 'optional') return findSigningAccount(accounts, provider.id, download.accountId);
  return signingAccount(accounts, provider.id, download.accountId);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
