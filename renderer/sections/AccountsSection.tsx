import { Plus } from 'lucide-react';
import { type RefObject, useEffect, useRef, useState } from 'react';
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
  const container = useRef<HTMLDivElement>(null);
  useFocusAfterRemoval(accounts.length, container);
  return (
    <div className="accounts" ref={container}>
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

/**
 * A removed account takes its card, and the focus in it, away: the focus goes to the first control left in the
 * view (New account, or the form when no account is left) instead of the page.
 */
function useFocusAfterRemoval(count: number, container: RefObject<HTMLDivElement | null>) {
  const previous = useRef(count);
  useEffect(() => {
    const removed = count < previous.current;
    previous.current = count;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (removed && lost)
      container.current?.querySelector<HTMLElement>('.accounts-toolbar button, input, select')?.focus();
  }, [count, container]);
}
