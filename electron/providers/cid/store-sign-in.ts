import { CREDENTIALS_REFUSED } from '../../../shared/credentials-refusal';
import { FerryError } from '../../../shared/errors';
import { platforms } from '../../../shared/platforms';
import { rememberSecret } from '../../../shared/redact';
import { accountKey } from '../account-throttle';
import type { ProviderAccount } from '../provider';
import { callApi, excerpt } from '../provider-http';

/** Where the store's API is and the token it takes. */
export interface StoreSession {
  endpoint: string;
  token: string;
}

/** An account's way into the CID store: a fixed endpoint and token, or a sign-in that hands them out. */
export interface StoreSignIn {
  label: string;
  /** The account's key in the throttle: a 429 from the store holds all of its calls. */
  accountKey: string;
  /** True when a refused token can be replaced by signing in again. */
  renewable: boolean;
  /** The session kept from the last sign-in, or a new one. */
  current(signal?: AbortSignal): Promise<StoreSession>;
  /** Signs in again (after a 401); the same fixed session for a token account. */
  renew(signal?: AbortSignal): Promise<StoreSession>;
}

const TOKEN_FIELDS = ['token', 'jwt', 'accessToken', 'access_token'];
const ENDPOINT_FIELDS = ['endpoint', 'apiEndpoint', 'api_endpoint', 'url'];

export function storeSignIn(account: ProviderAccount): StoreSignIn {
  const { credentials, label } = account;
  const key = accountKey('cid', account);
  if (!credentials.authUrl) {
    const endpoint = credentials.endpoint || account.baseUrl;
    if (!endpoint || !credentials.token) throw incomplete(label);
    const fixed = { endpoint, token: credentials.token };
    return { label, accountKey: key, renewable: false, current: async () => fixed, renew: async () => fixed };
  }
  const renew = (signal?: AbortSignal) => authenticate(account, signal);
  return {
    label,
    accountKey: key,
    renewable: true,
    async current(signal) {
      const token = account.session.get('token');
      const endpoint = account.session.get('endpoint');
      // A token kept from an earlier run is as secret as a fresh one: a store that echoes it must not print it.
      if (token) rememberSecret(token);
      return token && endpoint ? { token, endpoint } : renew(signal);
    },
    renew,
  };
}

/**
 * The store refused who the account says it is (its sign-in, or its token): a
 * problem of that account, not of the content, said with what to check.
 */
export function credentialsRefused(label: string, status: number): FerryError {
  return new FerryError(
    'provider',
    `The CID store ${CREDENTIALS_REFUSED} "${label}" (HTTP ${status}). ${platforms.cid.credentialsHelp}`,
    { provider: 'cid' },
  );
}

/**
 * POST {login, password} as JSON to the account's sign-in address. The answer's
 * shape is not public, so the token and the endpoint are looked for under the
 * names such services use, at the top level or under `data`.
 */
async function authenticate(account: ProviderAccount, signal?: AbortSignal): Promise<StoreSession> {
  const { authUrl = '', login, password } = account.credentials;
  const answer = await callApi(authUrl, {
    method: 'POST',
    body: JSON.stringify({ login, password }),
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    platform: 'The CID store sign-in',
    provider: 'cid',
    accountKey: accountKey('cid', account),
    // Signing in twice does no harm.
    idempotent: true,
    signal,
  });
  if (answer.status === 401 || answer.status === 403) throw credentialsRefused(account.label, answer.status);
  if (answer.status < 200 || answer.status >= 300) {
    throw new FerryError(
      'provider',
      `The CID store sign-in answered HTTP ${answer.status}${answer.text.trim() ? `: "${excerpt(answer.text)}"` : ''}. Check the account's sign-in address, then try again.`,
      { provider: 'cid' },
    );
  }
  const fields = readJson(answer.text);
  const token = pick(fields, TOKEN_FIELDS);
  rememberSecret(token);
  const endpoint = pick(fields, ENDPOINT_FIELDS) ?? (account.credentials.endpoint || account.baseUrl);
  if (!token || !endpoint) {
    const lacking = token ? `an endpoint (as ${oneOf(ENDPOINT_FIELDS)})` : `a token (as ${oneOf(TOKEN_FIELDS)})`;
    throw new FerryError(
      'provider',
      `The CID store sign-in answered without ${lacking}. Check the account's sign-in address${token ? ', or give the account an endpoint' : ''}.`,
      { provider: 'cid' },
    );
  }
  account.session.set('token', token);
  account.session.set('endpoint', endpoint);
  return { token, endpoint };
}

function readJson(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // Said below.
  }
  throw new FerryError(
    'provider',
    'The CID store sign-in answered with something other than JSON. Check the account’s sign-in address.',
    { provider: 'cid' },
  );
}

/** The first of the names holding a string, at the top level, then under `data`. */
function pick(answer: Record<string, unknown>, names: string[]): string | undefined {
  const data = answer.data && typeof answer.data === 'object' ? (answer.data as Record<string, unknown>) : {};
  for (const level of [answer, data]) {
    const found = names.map((name) => level[name]).find((value) => typeof value === 'string' && value !== '');
    if (found) return found as string;
  }
  return undefined;
}

function oneOf(names: string[]): string {
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function incomplete(label: string): FerryError {
  return new FerryError(
    'provider',
    `The CID store account "${label}" needs an endpoint and a token, or a sign-in address, login and password. Add them to the account in Accounts (or with ferry accounts add cid), then retry.`,
    { provider: 'cid' },
  );
}
