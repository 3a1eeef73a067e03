import { useEffect, useMemo, useRef, useState } from 'react';
import type { Account } from '../../../shared/accounts';
import { platforms } from '../../../shared/platforms';
import { accountHealth, selectRefusedDownload } from '../../store/account-health';
import { useFerry } from '../../store/store-context';
import { AccountActions } from './AccountActions';
import { AccountEditForm } from './AccountEditForm';
import { AccountFieldList } from './AccountFieldList';
import { AccountHealthNote } from './AccountHealthNote';
import { PlatformIcon } from './PlatformIcon';

/** One account: who it is, how it stands, and what can be done with it; Edit swaps the details for a form. */
export function AccountCard({ account }: { account: Account }) {
  const check = useFerry((state) => state.accountChecks[account.id]);
  const refusedDownload = useFerry((state) => selectRefusedDownload(state, account));
  const health = useMemo(() => accountHealth(account, check, refusedDownload), [account, check, refusedDownload]);
  const [editing, setEditing] = useState<{ focus: string | null } | null>(null);
  const { displayName, defaultBaseUrl } = platforms[account.provider];
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const card = useRef<HTMLLIElement>(null);
  const revealed = useFerry((state) => (state.revealedAccount?.id === account.id ? state.revealedAccount : null));
  useEffect(() => {
    // A notice about this account was clicked: bring its card where the eye and the keyboard are.
    if (!revealed) return;
    card.current?.scrollIntoView({ block: 'nearest' });
    card.current?.focus();
  }, [revealed]);
  useEffect(() => {
    // The closing form would leave the focus nowhere; it goes back to the Edit button, where the card's actions are.
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  return (
    <li
      ref={card}
      className="account-card"
      aria-label={account.label}
      aria-current={revealed ? 'true' : undefined}
      data-health={health.kind}
      tabIndex={-1}
    >
      <div className="account-head">
        <PlatformIcon provider={account.provider} />
        <div className="account-title">
          <span className="account-label">{account.label}</span>
          <span className="account-platform">
            {displayName} · {account.baseUrl ?? defaultBaseUrl ?? 'addresses from its fields'}
          </span>
        </div>
        {account.isDefault ? (
          <span className="badge" title={`Used for ${displayName} downloads that name no account`}>
            Default
          </span>
        ) : null}
      </div>
      {editing ? (
        <AccountEditForm account={account} focusField={editing.focus} onClose={() => setEditing(null)} />
      ) : (
        <>
          <AccountFieldList account={account} />
          <div role="status" className="account-status">
            <AccountHealthNote health={health} onFix={(focus) => setEditing({ focus })} />
          </div>
          <AccountActions
            account={account}
            testing={health.kind === 'testing'}
            editButton={editButton}
            onEdit={() => setEditing({ focus: null })}
          />
        </>
      )}
    </li>
  );
}
