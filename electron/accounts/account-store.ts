import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { Account, AccountUpdate, NewAccount } from '../../shared/accounts';
import { FerryError } from '../../shared/errors';
import { accountFieldProblems, accountFieldsOf, baseUrlProblem, type ProviderId } from '../../shared/platforms';
import { rememberSecret } from '../../shared/redact';
import type { ProviderSession } from '../providers/provider';
import { durably } from '../store/database';
import { accountSession, clearAccountSession } from './account-session';
import type { Keychain } from './keychain';

type Row = Record<string, string | number | null>;

/**
 * Accounts: the database keeps the non-secret fields and the names of the
 * secret ones that are set; the secrets themselves go to the keychain only.
 */
export class AccountStore {
  private readonly db: DatabaseSync;
  private readonly keychain: Keychain;

  constructor(db: DatabaseSync, keychain: Keychain) {
    this.db = db;
    this.keychain = keychain;
  }

  create(input: NewAccount): Account {
    const { plain, secrets } = splitFields(input.provider, input.fields);
    // Before anything can fail: a refusal may quote what was typed.
    for (const value of Object.values(secrets)) rememberSecret(value);
    const problems = accountFieldProblems(input.provider, input.fields);
    const noBase = baseUrlProblem(input.provider, input.baseUrl);
    if (noBase) problems.push(noBase);
    if (problems.length > 0) throw new FerryError('invalid_payload', problems.join(' '));
    if (this.byLabel(input.label))
      throw new FerryError('conflict', `There is already an account labelled "${input.label}". Pick another label.`);
    const id = randomUUID();
    // Secrets first: if the keychain is unreachable, nothing at all is saved.
    const stored: string[] = [];
    try {
      for (const [name, value] of Object.entries(secrets)) {
        this.keychain.set(id, name, value);
        stored.push(name);
      }
    } catch (error) {
      for (const name of stored) this.keychain.remove(id, name);
      throw error;
    }
    const isDefault = !this.list().some((account) => account.provider === input.provider);
    // The keychain keeps the secrets whatever happens: the row naming them must not be undone by a power loss.
    durably(this.db, () =>
      this.db
        .prepare(
          'INSERT INTO accounts (id, provider, label, base_url, fields, secrets_set, is_default, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          id,
          input.provider,
          input.label,
          input.baseUrl ?? null,
          JSON.stringify(plain),
          JSON.stringify(stored),
          isDefault ? 1 : 0,
          Date.now(),
        ),
    );
    return this.get(id) as Account;
  }

  list(): Account[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY provider, label').all() as Row[]).map(toAccount);
  }

  get(id: string): Account | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined;
    return row ? toAccount(row) : undefined;
  }

  byLabel(label: string): Account | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE label = ?').get(label) as Row | undefined;
    return row ? toAccount(row) : undefined;
  }

  /** The fields with their secrets, for the provider that signs a request; never for the window. */
  credentials(id: string): Record<string, string> {
    const account = this.get(id);
    if (!account) throw new FerryError('not_found', 'That account no longer exists. Add it again in Accounts.');
    const credentials: Record<string, string> = {};
    for (const [name, value] of Object.entries(account.fields)) {
      if (typeof value === 'string') {
        credentials[name] = value;
        continue;
      }
      // Whatever a server echoes of it from now on is cut from logs and messages.
      credentials[name] = this.keychain.get(id, name) ?? '';
      rememberSecret(credentials[name]);
    }
    return credentials;
  }

  /** Renames, moves to another base URL, or changes fields; new secrets replace the old ones in the keychain. */
  update(id: string, change: AccountUpdate): Account {
    const account = this.get(id);
    if (!account) throw new FerryError('not_found', 'That account no longer exists. Refresh the list and try again.');
    if (change.label && change.label !== account.label && this.byLabel(change.label)) {
      throw new FerryError('conflict', `There is already an account labelled "${change.label}". Pick another label.`);
    }
    const current = this.credentials(id);
    const merged = { ...current, ...change.fields };
    const { plain, secrets } = splitFields(account.provider, merged);
    for (const value of Object.values(secrets)) rememberSecret(value);
    const problems = accountFieldProblems(account.provider, merged);
    const noBase = baseUrlProblem(account.provider, change.baseUrl === undefined ? account.baseUrl : change.baseUrl);
    if (noBase) problems.push(noBase);
    if (problems.length > 0) throw new FerryError('invalid_payload', problems.join(' '));
    for (const [name, value] of Object.entries(secrets))
      if (value !== current[name]) this.keychain.set(id, name, value);
    this.db
      .prepare('UPDATE accounts SET label = ?, base_url = ?, fields = ?, secrets_set = ? WHERE id = ?')
      .run(
        change.label ?? account.label,
        change.baseUrl === undefined ? account.baseUrl : change.baseUrl,
        JSON.stringify(plain),
        JSON.stringify(Object.keys(secrets)),
        id,
      );
    // Tokens handed out for the old credentials or address are void now.
    if (change.fields || change.baseUrl !== undefined) clearAccountSession(this.db, this.keychain, id);
    return this.get(id) as Account;
  }

  /** Tokens the platform handed this account, in the keychain. */
  session(id: string): ProviderSession {
    return accountSession(this.db, this.keychain, id);
  }

  /** Makes this account the one its provider uses when a download names none. */
  setDefault(id: string): void {
    const account = this.get(id);
    if (!account) return;
    this.db.prepare('UPDATE accounts SET is_default = (id = ?) WHERE provider = ?').run(id, account.provider);
  }

  /** Removes the account and its keychain entries. */
  remove(id: string): void {
    const account = this.get(id);
    if (!account) return;
    for (const [name, value] of Object.entries(account.fields)) {
      if (typeof value !== 'string') this.keychain.remove(id, name);
    }
    clearAccountSession(this.db, this.keychain, id);
    this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
    if (account.isDefault) this.promoteDefault(account.provider);
  }

  private promoteDefault(provider: ProviderId): void {
    const next = this.list().find((account) => account.provider === provider);
    if (next) this.db.prepare('UPDATE accounts SET is_default = 1 WHERE id = ?').run(next.id);
  }
}

function splitFields(provider: ProviderId, fields: Record<string, string>) {
  const plain: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const spec of accountFieldsOf(provider)) {
    const value = fields[spec.name];
    if (!value) continue;
    if (spec.secret) secrets[spec.name] = value;
    else plain[spec.name] = value;
  }
  return { plain, secrets };
}

function toAccount(row: Row): Account {
  const fields: Account['fields'] = JSON.parse(String(row.fields));
  for (const name of JSON.parse(String(row.secrets_set)) as string[]) fields[name] = { set: true };
  return {
    id: String(row.id),
    provider: row.provider as ProviderId,
    label: String(row.label),
    baseUrl: row.base_url === null ? null : String(row.base_url),
    isDefault: Number(row.is_default) === 1,
    fields,
  };
}
