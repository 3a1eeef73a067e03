import { Plus } from 'lucide-react';
import { useState } from 'react';
import { AccountCard } from '../components/accounts/AccountCard';
import { AccountForm } from '../components/accounts/AccountForm';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { LibraryPicker } from '../components/library/LibraryPicker';
import { useFerry } from '../store/store-context';
import '../components/accounts/accounts.css';

export function AccountsSection() {
  const accounts = useFerry((state) => state.accounts);
  const error = useFerry((state) => state.accountsError);
  const dismiss = useFerry((state) => state.dismissAccountsError);
  const [adding, setAdding] = useState(false);
  return (
    <div className="accounts">
      {error ? <ErrorBanner message={error} onDismiss={dismiss} /> : null}
      <LibraryPicker />
      {accounts.length === 0 ? (
        <EmptyState title="No accounts yet">
          Add an account to download from echo3D, Scenario, Delos or a CID store. Its secrets stay in your system
          keychain; Ferry shows only whether they are set.
        </EmptyState>
      ) : (
        <>
          <div className="accounts-toolbar">
            <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
              <Plus size={14} aria-hidden="true" /> New account
            </button>
          </div>
          {adding ? <AccountForm onCancel={() => setAdding(false)} /> : null}
          <ul className="account-list" aria-label="Accounts">
            {accounts.map((account) => (
              <AccountCard key={account.id} account={account} />
            ))}
          </ul>
        </>
      )}
      {accounts.length === 0 ? <AccountForm /> : null}
    </div>
  );
}
