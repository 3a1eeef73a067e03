import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Account, AccountUpdate } from '../../../shared/accounts';
import { accountFieldsOf } from '../../../shared/platforms';
import { type AccountDraft, draftProblems } from '../../store/account-form';
import { useFerry } from '../../store/store-context';
import { DraftInput } from './DraftInput';

interface AccountEditFormProps {
  account: Account;
  /** The field to start on: the secret to replace when the platform refused it. */
  focusField: string | null;
  onClose(): void;
}

/**
 * Changes an account in place. Secrets start empty and stay as they are
 * unless something is typed: the old value never comes back to the window.
 * Saving tests the account again.
 */
export function AccountEditForm({ account, focusField, onClose }: AccountEditFormProps) {
  const update = useFerry((state) => state.updateAccount);
  const [draft, setDraft] = useState<AccountDraft>(() => startingDraft(account));
  const [tried, setTried] = useState(false);
  const id = useId();
  const focused = useRef<HTMLInputElement>(null);
  const problems = tried ? draftProblems(account.provider, draft, true) : {};

  useEffect(() => focused.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(draftProblems(account.provider, draft, true)).length > 0) return;
    if (await update(account.id, changeOf(account, draft))) onClose();
  }

  return (
    <form className="account-edit" onSubmit={submit} noValidate aria-label={`Edit ${account.label}`}>
      <DraftInput
        id={`${id}-label`}
        label="Label"
        problem={problems.label}
        value={draft.label}
        inputRef={focusField ? undefined : focused}
        onChange={(label) => setDraft({ ...draft, label })}
      />
      {accountFieldsOf(account.provider).map((field) => (
        <DraftInput
          key={field.name}
          id={`${id}-${field.name}`}
          label={field.label}
          hint={field.secret ? secretHint(account, field.name) : undefined}
          secret={field.secret}
          value={draft.fields[field.name] ?? ''}
          inputRef={field.name === focusField ? focused : undefined}
          onChange={(value) => setDraft({ ...draft, fields: { ...draft.fields, [field.name]: value } })}
        />
      ))}
      <DraftInput
        id={`${id}-baseUrl`}
        label="Base URL"
        hint="Leave empty for the platform's own address."
        problem={problems.baseUrl}
        value={draft.baseUrl}
        onChange={(baseUrl) => setDraft({ ...draft, baseUrl })}
      />
      <div className="form-buttons">
        <button type="submit">Save and test</button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function startingDraft(account: Account): AccountDraft {
  const plain = Object.entries(account.fields).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return { label: account.label, baseUrl: account.baseUrl ?? '', fields: Object.fromEntries(plain) };
}

function secretHint(account: Account, name: string): string {
  return account.fields[name] ? 'Saved in keychain: type a new one to replace it.' : 'Not set.';
}

/** Only what changed: an empty secret keeps the keychain's, an emptied plain field is cleared. */
function changeOf(account: Account, draft: AccountDraft): AccountUpdate {
  const fields: Record<string, string> = {};
  for (const field of accountFieldsOf(account.provider)) {
    const typed = (draft.fields[field.name] ?? '').trim();
    const stored = account.fields[field.name];
    if (field.secret ? typed !== '' : typed !== (typeof stored === 'string' ? stored : '')) fields[field.name] = typed;
  }
  const baseUrl = draft.baseUrl.trim() || null;
  return {
    ...(draft.label.trim() !== account.label ? { label: draft.label.trim() } : {}),
    ...(baseUrl !== account.baseUrl ? { baseUrl } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}
