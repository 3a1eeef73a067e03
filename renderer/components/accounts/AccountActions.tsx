import { FolderSearch, Pencil, PlugZap, Star, Trash2 } from 'lucide-react';
import { type RefObject, useState } from 'react';
import type { Account } from '../../../shared/accounts';
import { browsableProviders, platforms } from '../../../shared/platforms';
import { useFerry } from '../../store/store-context';
import { ConfirmDialog } from '../ConfirmDialog';

interface AccountActionsProps {
  account: Account;
  testing: boolean;
  editButton: RefObject<HTMLButtonElement | null>;
  onEdit(): void;
}

/** Test, Browse, Make default, Edit and Remove (after a confirmation) for one account. */
export function AccountActions({ account, testing, editButton, onEdit }: AccountActionsProps) {
  const test = useFerry((state) => state.testAccount);
  const browse = useFerry((state) => state.browseAccount);
  const makeDefault = useFerry((state) => state.makeDefaultAccount);
  const remove = useFerry((state) => state.removeAccount);
  const [confirming, setConfirming] = useState(false);
  const { displayName } = platforms[account.provider];

  return (
    <div className="account-actions">
      {/* aria-disabled rather than disabled: a disabled button drops the keyboard focus it holds. */}
      <button type="button" aria-disabled={testing || undefined} onClick={() => testing || void test(account.id)}>
        <PlugZap size={14} aria-hidden="true" /> {testing ? 'Testing…' : 'Test'}
      </button>
      {browsableProviders.includes(account.provider) ? (
        <button type="button" onClick={() => void browse(account.id)}>
          <FolderSearch size={14} aria-hidden="true" /> Browse
        </button>
      ) : null}
      {account.isDefault ? null : (
        <button
          type="button"
          onClick={() => {
            // This button goes once the account is the default: the focus moves to Edit, in the same card, first.
            editButton.current?.focus();
            void makeDefault(account.id);
          }}
        >
          <Star size={14} aria-hidden="true" /> Make default
        </button>
      )}
      <button type="button" ref={editButton} onClick={onEdit}>
        <Pencil size={14} aria-hidden="true" /> Edit
      </button>
      <button type="button" className="account-remove" onClick={() => setConfirming(true)}>
        <Trash2 size={14} aria-hidden="true" /> Remove
      </button>
      {confirming ? (
        <ConfirmDialog
          title={`Remove ${account.label}?`}
          confirmLabel="Remove account"
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void remove(account.id);
          }}
        >
          <p>
            Ferry forgets this {displayName} account and deletes its secrets from the system keychain. Files already
            downloaded stay where they are.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
