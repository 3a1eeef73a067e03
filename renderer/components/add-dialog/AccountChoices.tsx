import { useId } from 'react';
import { platforms } from '../../../shared/platforms';
import type { AccountChoice, PickedAccounts } from '../../store/add-accounts';

interface AccountChoicesProps {
  choices: AccountChoice[];
  picked: PickedAccounts;
  onPick(platform: AccountChoice['platform'], accountId: string): void;
}

/** Which account signs the links of each platform that has several: the default until another is picked. */
export function AccountChoices({ choices, picked, onPick }: AccountChoicesProps) {
  if (choices.length === 0) return null;
  return (
    <div className="add-accounts">
      {choices.map((choice) => (
        <AccountSelect key={choice.platform} choice={choice} value={picked[choice.platform]} onPick={onPick} />
      ))}
    </div>
  );
}

function AccountSelect({
  choice,
  value,
  onPick,
}: {
  choice: AccountChoice;
  value: string | undefined;
  onPick: AccountChoicesProps['onPick'];
}) {
  const id = useId();
  const name = platforms[choice.platform].displayName;
  return (
    <div className="field">
      <label htmlFor={id}>{name} links signed by</label>
      <select
        id={id}
        value={value ?? choice.defaultId}
        onChange={(event) => onPick(choice.platform, event.target.value)}
      >
        {choice.accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.id === choice.defaultId ? `${account.label} (default)` : account.label}
          </option>
        ))}
      </select>
    </div>
  );
}
