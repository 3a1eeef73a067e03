import { FerryError } from '../../shared/errors';
import type { ProviderAccount } from '../providers/provider';
import type { AccountStore } from './account-store';

/**
 * The account a request is signed with: the one named, or the provider's
 * default; its secrets are read from the keychain only now, for this use.
 */
export function signingAccount(
  accounts: AccountStore | undefined,
  provider: string,
  accountId: string | null,
): ProviderAccount {
  const all = accounts?.list() ?? [];
  const account = accountId
    ? all.find((candidate) => candidate.id === accountId)
    : all.find((candidate) => candidate.provider === provider && candidate.isDefault);
  if (!account || !accounts) {
    throw new FerryError(
      'not_found',
      `${provider} downloads need an account: add one with "ferry accounts add ${provider} --label NAME field=value…" or in Accounts, then retry.`,
    );
  }
  return { label: account.label, baseUrl: account.baseUrl, credentials: accounts.credentials(account.id) };
}
