import type { Account, AccountUpdate, BrowseEntry, NewAccount } from '../../shared/accounts';
import { FerryError } from '../../shared/errors';
import type { Provider } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { AccountStore } from './account-store';
import { signingAccount } from './signing-account';

/** Accounts for the window and the CLI: secrets go in, only `{ set: true }` comes out. */
export class AccountService {
  private readonly accounts: AccountStore;
  private readonly providers: ProviderRegistry;

  constructor(accounts: AccountStore, providers: ProviderRegistry) {
    this.accounts = accounts;
    this.providers = providers;
  }

  list(): Account[] {
    return this.accounts.list();
  }

  create(input: NewAccount): Account {
    return this.accounts.create(input);
  }

  update(id: string, change: AccountUpdate): Account {
    return this.accounts.update(id, change);
  }

  remove(id: string): void {
    this.existing(id);
    this.accounts.remove(id);
  }

  setDefault(id: string): Account {
    this.existing(id);
    this.accounts.setDefault(id);
    return this.existing(id);
  }

  async test(id: string): Promise<{ message: string }> {
    const { provider, account } = this.signed(id, 'test');
    return { message: await (provider.test as NonNullable<Provider['test']>)(account) };
  }

  async browse(id: string): Promise<BrowseEntry[]> {
    const { provider, account } = this.signed(id, 'browse');
    return (provider.browse as NonNullable<Provider['browse']>)(account);
  }

  private signed(id: string, action: 'test' | 'browse') {
    const stored = this.existing(id);
    const provider = this.providers.byId(stored.provider);
    if (!provider?.[action]) {
      throw new FerryError(
        'not_found',
        `Ferry cannot ${action} ${stored.provider} accounts yet; that arrives with its provider.`,
      );
    }
    return { provider, account: signingAccount(this.accounts, stored.provider, id) };
  }

  private existing(id: string): Account {
    const account = this.accounts.get(id);
    if (!account) throw new FerryError('not_found', 'That account no longer exists. Refresh the list and try again.');
    return account;
  }
}
