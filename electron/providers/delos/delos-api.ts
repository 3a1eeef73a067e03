import { CREDENTIALS_REFUSED } from '../../../shared/credentials-refusal';
import { FerryError } from '../../../shared/errors';
import { platforms } from '../../../shared/platforms';
import { accountKey } from '../account-throttle';
import type { ProviderAccount } from '../provider';
import { type ApiAnswer, type ApiCall, callApi, excerpt } from '../provider-http';

/** What Delos's `{error}` answers mean for a download (seeds/delos-download-file.md, "Error Responses"). */
export type DelosRefusal = 'locked' | 'unauthorized' | 'not_found' | 'denied' | 'other';

/**
 * The account's API address, under which every path starts with /v2. Delos
 * has no public address: each customer is served from its own host.
 */
export function delosBase(account: ProviderAccount): string {
  if (!account.baseUrl) {
    throw new FerryError(
      'provider',
      `The Delos account "${account.label}" has no base URL, and Delos has no public address to fall back on. Add the account again with --base-url set to your Delos API's address (or set its Base URL in Accounts), then retry.`,
      { provider: 'delos' },
    );
  }
  // People copy the address with its /v2 from the API docs; the paths below add it themselves.
  return account.baseUrl.replace(/\/+$/, '').replace(/\/v2$/i, '');
}

/** An API call to the account's Delos (sign-in, listing), with the shared limits of provider calls. */
export function callDelos(account: ProviderAccount, path: string, call: ApiCall = {}): Promise<ApiAnswer> {
  return callApi(`${delosBase(account)}${path}`, {
    ...call,
    platform: 'Delos',
    provider: 'delos',
    accountKey: accountKey('delos', account),
  });
}

/** What Delos said in an error answer: `{error}` as the seed shows (or a `message`), else the start of the text. */
export function delosSaid(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    const error = parsed.error as { message?: unknown } | string | undefined;
    const said = typeof error === 'string' ? error : (error?.message ?? parsed.message);
    if (typeof said === 'string' && said.trim()) return excerpt(said, 200);
  } catch {
    // Not JSON: a proxy's page or plain text, quoted as it is.
  }
  return excerpt(text, 200);
}

const refusalWords: [DelosRefusal, RegExp][] = [
  ['locked', /\blocked\b/i],
  ['unauthorized', /unauthori[sz]ed|\b(token|session)\b.*\b(expired|invalid)\b/i],
  ['not_found', /not found|no such/i],
  ['denied', /access denied|forbidden|not allowed|permission/i],
];
const refusalStatuses: Record<number, DelosRefusal> = {
  401: 'unauthorized',
  403: 'denied',
  404: 'not_found',
  423: 'locked',
};

/** The seed documents the error texts, not their statuses: the words decide, the status only when they say nothing known. */
export function classifyRefusal(status: number, said: string): DelosRefusal {
  const byWords = refusalWords.find(([, words]) => words.test(said));
  return byWords?.[0] ?? refusalStatuses[status] ?? 'other';
}

/** Delos refused who the account says it is: a problem of that account, not of the file. */
export function credentialsRefused(account: ProviderAccount, said: string): FerryError {
  const quoted = said ? ` ("${said}")` : '';
  return new FerryError(
    'provider',
    `Delos ${CREDENTIALS_REFUSED} "${account.label}"${quoted}. ${platforms.delos.credentialsHelp}`,
    { provider: 'delos' },
  );
}

/** An answer Ferry cannot use, with the words Delos gave. */
export function delosFailed(what: string, answer: { status: number; text: string }): FerryError {
  const said = delosSaid(answer.text);
  return new FerryError(
    'provider',
    `Delos could not ${what} (HTTP ${answer.status}${said ? `: "${said}"` : ''}). Check the account's base URL, or try again later.`,
    { provider: 'delos' },
  );
}
