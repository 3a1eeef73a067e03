import type { DatabaseSync } from 'node:sqlite';
import type { ProviderSession } from '../providers/provider';
import type { Keychain } from './keychain';

/**
 * An account's session values in the keychain beside its own secrets (entry
 * `<accountId>:session.<name>`); the library keeps only their names.
 */
export function accountSession(db: DatabaseSync, keychain: Keychain, accountId: string): ProviderSession {
  return {
    get: (name) => (sessionNames(db, accountId).includes(name) ? keychain.get(accountId, entry(name)) : null),
    set(name, value) {
      const names = new Set(sessionNames(db, accountId));
      if (value === null) {
        keychain.remove(accountId, entry(name));
        names.delete(name);
      } else {
        keychain.set(accountId, entry(name), value);
        names.add(name);
      }
      db.prepare('UPDATE accounts SET session_names = ? WHERE id = ?').run(JSON.stringify([...names]), accountId);
    },
  };
}

/** Forgets every session value: the account is removed, or its credentials changed and old tokens are void. */
export function clearAccountSession(db: DatabaseSync, keychain: Keychain, accountId: string): void {
  const session = accountSession(db, keychain, accountId);
  for (const name of sessionNames(db, accountId)) session.set(name, null);
}

function sessionNames(db: DatabaseSync, accountId: string): string[] {
  const row = db.prepare('SELECT session_names FROM accounts WHERE id = ?').get(accountId) as
    | { session_names: string }
    | undefined;
  return row ? (JSON.parse(row.session_names) as string[]) : [];
}

function entry(name: string): string {
  return `session.${name}`;
}
