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
  const account = findSigningAccount(accounts, provider, accountId);
  if (!account) {
    throw new FerryError(
      'not_found',
      `${provider} downloads need an account: add one in Accounts (or with "ferry accounts add ${provider} --label NAME field=value…"), then retry.`,
    );
  }
  return account;
}

/**
 * The same, for platforms where an account is optional: null when the download
 * names none and the platform has no default. A named account that is gone is an error.
 */
export function findSigningAccount(
  accounts: AccountStore | undefined,
  provider: string,
  accountId: string | null,
): ProviderAccount | null {
  const all = accounts?.list() ?? [];
  const account = accountId
    ? all.find((candidate) => candidate.id === accountId)
    : all.find((candidate) => candidate.provider === provider && candidate.isDefault);
  if (accountId && !account) {
    throw new FerryError(
      'not_found',
      'The account this download was added with no longer exists. Add it again, then retry.',
    );
  }
  if (!account || !accounts) return null;
  return {
    label: account.label,
    baseUrl: account.baseUrl,
    credentials: accounts.credentials(account.id),
    session: accounts.session(account.id),
  };
}
