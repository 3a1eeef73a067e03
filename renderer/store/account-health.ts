import type { Account } from '../../shared/accounts';
import { isCredentialsRefusal } from '../../shared/credentials-refusal';
import type { Download } from '../../shared/downloads';
import { accountFieldsOf } from '../../shared/platforms';
import type { AccountField } from '../../shared/platforms/platform';
import type { AccountCheck, FerryState } from './ferry-state';

export type RefusedHealth = {
  kind: 'refused';
  title: 'Credentials refused' | 'Token expired';
  /** What the platform said. */
  message: string;
  /** What to do, in words, ending with testing again. */
  fix: string;
  /** The secret field Edit goes straight to. */
  secretField: string | null;
};

/** How an account stands, as its card shows it. */
export type AccountHealth =
  | { kind: 'untested' }
  | { kind: 'testing' }
  | { kind: 'ok'; message: string }
  | { kind: 'failed'; message: string }
  | RefusedHealth;

/**
 * Why the newest download signed by the account failed because the platform
 * refused its credentials, or null. A download that names no account was signed
 * by its platform's default one. A string, so a card re-renders only when it changes.
 */
export function selectRefusedDownload(state: FerryState, account: Account): string | null {
  let newest: { createdAt: number; message: string } | null = null;
  for (const download of Object.values(state.downloads)) {
    const { status, error, createdAt } = download;
    if (status !== 'failed' || !error || !signedBy(download, account) || !isCredentialsRefusal(error.message)) continue;
    if (!newest || createdAt > newest.createdAt) newest = { createdAt, message: error.message };
  }
  return newest?.message ?? null;
}

function signedBy(download: Download, account: Account): boolean {
  if (download.accountId !== null) return download.accountId === account.id;
  return account.isDefault && download.provider === account.provider;
}

/**
 * A Test is the latest word on an account: it runs when asked and after every
 * edit. Without one, a download refused for the account's credentials says
 * they need replacing.
 */
export function accountHealth(account: Account, check: AccountCheck | undefined, refusedDownload: string | null) {
  if (check?.status === 'testing') return { kind: 'testing' } as const;
  if (check?.status === 'ok') return { kind: 'ok', message: check.message } as const;
  if (check?.status === 'failed') {
    return check.refused
      ? refusedHealth(account, check.message)
      : ({ kind: 'failed', message: check.message } as const);
  }
  return refusedDownload ? refusedHealth(account, refusedDownload) : ({ kind: 'untested' } as const);
}

function refusedHealth(account: Account, message: string): RefusedHealth {
  const fields = accountFieldsOf(account.provider);
  const given = fields.filter((field) => account.fields[field.name] !== undefined);
  const secrets = given.filter((field) => field.secret);
  const replace = secrets.length > 0 ? secrets : fields.filter((field) => field.secret);
  const check = given.filter((field) => !field.secret);
  const tokenOnly = replace.length === 1 && replace[0]?.name === 'token';
  const checkToo = check.length > 0 ? ` and check the ${words(check, 'and')}` : '';
  return {
    kind: 'refused',
    title: tokenOnly ? 'Token expired' : 'Credentials refused',
    message,
    fix: tokenOnly
      ? `The token may have expired or been revoked: paste a new one${checkToo}, then Test again.`
      : `Replace the ${words(replace, 'or')}${checkToo}, then Test again.`,
    secretField: replace[0]?.name ?? null,
  };
}

function words(fields: AccountField[], conjunction: 'and' | 'or'): string {
  const labels = fields.map((field) => field.label);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} ${conjunction} ${labels.at(-1)}` : (labels[0] ?? '');
}
