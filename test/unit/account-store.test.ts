import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../../electron/accounts/account-store';
import { type Keychain, keychainService, osKeychain } from '../../electron/accounts/keychain';
import { DATABASE_FILE } from '../../electron/store/database';
import { REDACTED, redactText } from '../../shared/redact';
import type { TempDir } from '../support/temp-dir';
import { withLibrary } from '../support/with-library';

const SECRET = 'k3y-ABC-never-in-plain-text';
const USER_SECRET = 'user-key-456-also-secret';

const library = withLibrary('ferry-accounts-');
let profile: TempDir;
let db: DatabaseSync;
let keychain: Keychain;
let accounts: AccountStore;

beforeEach(() => {
  ({ profile, db } = library);
  keychain = osKeychain();
  accounts = new AccountStore(db, keychain);
});
afterEach(() => {
  for (const account of accounts.list()) accounts.remove(account.id);
});

describe('accounts with secrets in the real OS keychain', () => {
  it('runs against a test keychain service, never the real one', () => {
    expect(keychainService()).toBe('FerryTest');
  });

  it('keeps secrets only in the keychain and shows them as { set: true }', async () => {
    const account = accounts.create({
      provider: 'echo3d',
      label: 'Studio',
      fields: { key: SECRET, email: 'artist@example.com', userKey: USER_SECRET },
    });
    expect(account.fields).toEqual({ key: { set: true }, email: 'artist@example.com', userKey: { set: true } });
    expect(keychain.get(account.id, 'key')).toBe(SECRET);
    expect(accounts.credentials(account.id)).toEqual({
      key: SECRET,
      email: 'artist@example.com',
      userKey: USER_SECRET,
    });

    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((name) => join(profile.path, name));
    for (const file of files) {
      const content = await readFile(file).catch(() => Buffer.alloc(0));
      expect(content.includes(SECRET)).toBe(false);
      expect(content.includes(USER_SECRET)).toBe(false);
    }
  });

  it('has every secret it reads or is given cut from any text from then on', () => {
    const given = 'given-key-0a1b2c';
    const account = accounts.create({
      provider: 'echo3d',
      label: 'Studio',
      fields: { key: given, email: 'artist@example.com', userKey: 'user-key-3d4e5f' },
    });
    expect(redactText(`echoed ${given}`)).toBe(`echoed ${REDACTED}`);

    // A secret stored by an earlier run is learnt when it is read.
    const stored = 'stored-key-6a7b8c';
    keychain.set(account.id, 'key', stored);
    expect(redactText(`echoed ${stored}`)).toBe(`echoed ${stored}`);
    expect(accounts.credentials(account.id).key).toBe(stored);
    expect(redactText(`echoed ${stored}`)).toBe(`echoed ${REDACTED}`);

    const updated = 'updated-user-key-9d0e';
    accounts.update(account.id, { fields: { userKey: updated } });
    expect(redactText(`echoed ${updated}`)).toBe(`echoed ${REDACTED}`);
    expect(redactText('artist@example.com')).toBe('artist@example.com');
  });

  it('removes the keychain entries with the account', () => {
    const account = accounts.create({
      provider: 'scenario',
      label: 'Client',
      fields: { apiKey: 'public-id', apiSecret: SECRET },
    });
    accounts.remove(account.id);
    expect(keychain.get(account.id, 'apiSecret')).toBeNull();
    expect(accounts.list()).toEqual([]);
  });

  it('makes the first account of a provider its default, and the next one when it goes', () => {
    const baseUrl = 'https://delos.example';
    const first = accounts.create({
      provider: 'delos',
      label: 'Main',
      baseUrl,
      fields: { login: 'me', password: SECRET },
    });
    const second = accounts.create({
      provider: 'delos',
      label: 'Client',
      baseUrl,
      fields: { login: 'them', password: SECRET },
    });
    expect([accounts.get(first.id)?.isDefault, accounts.get(second.id)?.isDefault]).toEqual([true, false]);
    accounts.remove(first.id);
    expect(accounts.get(second.id)?.isDefault).toBe(true);
  });

  it('refuses missing or unknown fields and duplicate labels, saving nothing', () => {
    expect(() => accounts.create({ provider: 'echo3d', label: 'A', fields: { key: SECRET } })).toThrow(
      'echo3D accounts need email.',
    );
    expect(() =>
      accounts.create({ provider: 'scenario', label: 'B', fields: { apiKey: 'x', apiSecret: 'y', token: 'z' } }),
    ).toThrow('Scenario accounts have no "token" field');
    accounts.create({ provider: 'cid', label: 'Store', fields: { endpoint: 'https://cid.example', token: SECRET } });
    expect(() =>
      accounts.create({ provider: 'cid', label: 'Store', fields: { endpoint: 'https://x', token: 'y' } }),
    ).toThrow('already an account labelled "Store"');
    expect(accounts.list().map((account) => account.label)).toEqual(['Store']);
  });

  it('refuses a Delos account without a base URL, which it could never reach, and keeps it from losing one', () => {
    const fields = { login: 'me', password: SECRET };
    expect(() => accounts.create({ provider: 'delos', label: 'Docs', fields })).toThrow(
      'Delos accounts need a base URL, the address of your Delos API (--base-url in the CLI, Base URL in Accounts).',
    );
    expect(accounts.list()).toEqual([]);
    const docs = accounts.create({ provider: 'delos', label: 'Docs', baseUrl: 'https://delos.example', fields });
    expect(() => accounts.update(docs.id, { baseUrl: null })).toThrow('Delos accounts need a base URL');
    expect(accounts.get(docs.id)?.baseUrl).toBe('https://delos.example');
    // Platforms with an address of their own, or with addresses in their fields, need none.
    expect(
      accounts.create({ provider: 'scenario', label: 'Art', fields: { apiKey: 'k', apiSecret: SECRET } }).baseUrl,
    ).toBeNull();
  });
});
