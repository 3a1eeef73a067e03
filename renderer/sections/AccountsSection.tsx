import type { Account } from '../../shared/accounts';
import { browsableProviders } from '../../shared/platforms';
import { AccountForm } from '../components/AccountForm';
import { EmptyState } from '../components/EmptyState';
import { LibraryPicker } from '../components/library/LibraryPicker';
import { useFerry } from '../store/store-context';

export function AccountsSection() {
  const accounts = useFerry((state) => state.accounts);
  const error = useFerry((state) => state.accountsError);
  return (
    <div className="accounts">
      {error ? (
        <p className="field-problem" role="alert">
          {error}
        </p>
      ) : null}
      <LibraryPicker />
      {accounts.length === 0 ? (
        <EmptyState title="No accounts yet">
          Add an account to download from echo3D and other platforms. Its secrets stay in your system keychain.
        </EmptyState>
      ) : (
        <ul className="download-list" aria-label="Accounts">
          {accounts.map((account) => (
            <AccountItem key={account.id} account={account} />
          ))}
        </ul>
      )}
      <AccountForm />
    </div>
  );
}

function AccountItem({ account }: { account: Account }) {
  const check = useFerry((state) => state.accountChecks[account.id]);
  const test = useFerry((state) => state.testAccount);
  const remove = useFerry((state) => state.removeAccount);
  const makeDefault = useFerry((state) => state.makeDefaultAccount);
  const browse = useFerry((state) => state.browseAccount);
  const fields = Object.entries(account.fields).map(
    ([name, value]) => `${name}: ${typeof value === 'string' ? value : 'saved in keychain'}`,
  );
  return (
    <li className="download" aria-label={account.label}>
      <div className="download-head">
        <span className="download-name">{account.label}</span>
        <span className="download-status">
          {account.provider}
          {account.isDefault ? ' · default' : ''}
        </span>
      </div>
      <div className="download-detail">{fields.join(' · ')}</div>
      {check ? (
        <p className={check.ok ? 'field-hint' : 'field-problem'} role="status">
          {check.message}
        </p>
      ) : null}
      <div className="download-foot">
        <span className="download-detail">{account.baseUrl ?? ''}</span>
        <span className="download-actions">
          <button type="button" onClick={() => void test(account.id)}>
            Test
          </button>
          {browsableProviders.includes(account.provider) ? (
            <button type="button" onClick={() => void browse(account.id)}>
              Browse
            </button>
          ) : null}
          {account.isDefault ? null : (
            <button type="button" onClick={() => void makeDefault(account.id)}>
              Make default
            </button>
          )}
          <button type="button" onClick={() => void remove(account.id)}>
            Remove
          </button>
        </span>
      </div>
    </li>
  );
}
