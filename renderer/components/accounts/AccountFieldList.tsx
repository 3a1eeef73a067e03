import type { Account } from '../../../shared/accounts';
import { accountFieldsOf } from '../../../shared/platforms';

/** The account's fields by their labels; a secret shows only whether the keychain holds it. */
export function AccountFieldList({ account }: { account: Account }) {
  return (
    <dl className="account-fields">
      {accountFieldsOf(account.provider).map((field) => {
        const value = account.fields[field.name];
        const shown = typeof value === 'string' ? value : value ? 'Saved in keychain' : 'Not set';
        return (
          <div key={field.name} data-empty={value === undefined || undefined}>
            <dt>{field.label}</dt>
            <dd title={shown}>{shown}</dd>
          </div>
        );
      })}
    </dl>
  );
}
