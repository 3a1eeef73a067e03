import type { DatabaseSync } from 'node:sqlite';
import { type Account, newAccountSchema } from '../../shared/accounts';
import { FerryError } from '../../shared/errors';
import { accountFieldsOf, providerIds } from '../../shared/platforms';
import { redactText } from '../../shared/redact';
import { AccountService } from '../accounts/account-service';
import { AccountStore } from '../accounts/account-store';
import { osKeychain } from '../accounts/keychain';
import type { ProviderRegistry } from '../providers/registry';
import type { CliOptions } from './cli-options';
import { UsageError } from './usage';

/** ferry accounts add|ls|rm|test|browse: secrets go to the keychain and are only ever printed as "set". */
export async function accountsCommand(
  db: DatabaseSync,
  providers: ProviderRegistry,
  options: CliOptions,
): Promise<number> {
  const [action, ...rest] = options.args;
  const accounts = new AccountStore(db, osKeychain());
  const service = new AccountService(accounts, providers);
  switch (action) {
    case 'add':
      return add(accounts, rest, options);
    case 'ls':
      for (const account of accounts.list())
        process.stdout.write(`${options.json ? JSON.stringify(account) : describe(account)}\n`);
      return 0;
    case 'rm': {
      const account = labelled(accounts, rest[0]);
      accounts.remove(account.id);
      process.stdout.write(`removed ${account.label}\n`);
      return 0;
    }
    case 'test':
      return test(service, labelled(accounts, rest[0]));
    case 'browse':
      return browse(service, labelled(accounts, rest[0]), options.json);
    default:
      throw new UsageError('accounts takes add, ls, rm, test or browse.');
  }
}

function labelled(accounts: AccountStore, label: string | undefined): Account {
  const account = label ? accounts.byLabel(label) : undefined;
  if (!account) throw new UsageError(`there is no account labelled "${label ?? ''}"; see "ferry accounts ls".`);
  return account;
}

/** A platform that refuses the account, or cannot be reached, is a failed check (exit 1), not bad input (exit 2). */
async function test(service: AccountService, account: Account): Promise<number> {
  try {
    process.stdout.write(`${(await service.test(account.id)).message}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof FerryError && (error.code === 'provider' || error.code === 'network'))) throw error;
    process.stderr.write(`ferry: ${redactText(error.message)}\n`);
    return 1;
  }
}

/** The account's library: one entry a line, with the refs that download it (`ferry get <ref> --account LABEL`). */
async function browse(service: AccountService, account: Account, json: boolean): Promise<number> {
  for (const entry of await service.browse(account.id)) {
    if (json) {
      process.stdout.write(`${JSON.stringify(entry)}\n`);
      continue;
    }
    const tags = entry.tags.length > 0 ? ` [${entry.tags.join(', ')}]` : '';
    process.stdout.write(`${entry.name}  ${entry.detail}${tags}\n`);
    for (const choice of entry.choices) process.stdout.write(`  ${choice.label.padEnd(16)} ${choice.ref}\n`);
  }
  return 0;
}

function add(accounts: AccountStore, args: string[], options: CliOptions): number {
  const [provider, ...assignments] = args;
  if (!provider || !(providerIds as readonly string[]).includes(provider)) {
    throw new UsageError(`say which platform: ${providerIds.join(', ')}.`);
  }
  const fields = Object.fromEntries(assignments.map((text, index) => parseAssignment(text, index + 1)));
  const parsed = newAccountSchema.safeParse({ provider, label: options.label ?? '', baseUrl: options.baseUrl, fields });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join(' '));
  const account = accounts.create(parsed.data);
  process.stdout.write(`${options.json ? JSON.stringify(account) : `added ${describe(account)}`}\n`);
  return 0;
}

/** A field without its `name=` may be a pasted secret, so the message names its place, never its text. */
function parseAssignment(text: string, place: number): [string, string] {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new UsageError(`fields are given as name=value, and field ${place} after the platform has no name.`);
  }
  return [text.slice(0, equals), text.slice(equals + 1)];
}

function describe(account: Account): string {
  const fields = accountFieldsOf(account.provider)
    .filter((spec) => account.fields[spec.name] !== undefined)
    .map((spec) => {
      const value = account.fields[spec.name];
      return `${spec.name}=${typeof value === 'string' ? value : 'set'}`;
    });
  const base = account.baseUrl ? ` base-url=${account.baseUrl}` : '';
  return `${account.label} (${account.provider}${account.isDefault ? ', default' : ''})${base} ${fields.join(' ')}`;
}
