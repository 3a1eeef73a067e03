import { FerryError } from '../../../shared/errors';
import { rememberSecret } from '../../../shared/redact';
import { accountKey } from '../account-throttle';
import type { ProviderAccount, ProviderSession } from '../provider';
import { callDelos, credentialsRefused, delosFailed, delosSaid } from './delos-api';

/** A sign-in's tokens; times in ms since the epoch, null when Delos gave no TTL (then valid until refused). */
interface DelosTokens {
  accessToken: string;
  accessExpiresAt: number | null;
  refreshToken: string | null;
  refreshExpiresAt: number | null;
}

/** Delos's access tokens last minutes to an hour: one about to lapse is renewed first, not sent to fail mid-file. */
const RENEW_BEFORE_MS = 30_000;

/**
 * Sign-ins under way, one per account: concurrent downloads of an account that
 * all need a token wait for the same login or refresh instead of each making
 * one (which, with rotating refresh tokens, would void each other's).
 */
const signingIn = new Map<string, Promise<string>>();

/** Accounts with a login renew their tokens; a static token is what it is. */
export function signsInWithLogin(account: ProviderAccount): boolean {
  return Boolean(account.credentials.login && account.credentials.password);
}

/**
 * A token to send as `Authorization`: the static one, the kept access token
 * while it has time left, or a fresh one from a refresh or a login. `rejected`
 * is a token Delos just refused: it is renewed unless another download did so meanwhile.
 */
export async function accessToken(account: ProviderAccount, signal: AbortSignal, rejected?: string): Promise<string> {
  signal.throwIfAborted();
  if (!signsInWithLogin(account)) return account.credentials.token ?? '';
  const kept = readTokens(account.session);
  if (kept && kept.accessToken !== rejected && !lapsing(kept.accessExpiresAt)) return kept.accessToken;
  const key = accountKey('delos', account);
  let flight = signingIn.get(key);
  if (!flight) {
    flight = renew(account).finally(() => signingIn.delete(key));
    signingIn.set(key, flight);
  }
  // The sign-in is shared: one download's pause stops its own wait, never the others' sign-in.
  return abortable(flight, signal);
}

/** What a call answers when Delos refused its token, with Delos's words. */
export interface Unauthorized {
  unauthorized: string;
}

/**
 * Runs a call signed with the account's token. When Delos answers Unauthorized
 * the token is renewed once and the call made again; a second refusal (or one
 * of a static token) is a problem of the account's credentials.
 */
export async function withAccessToken<T extends object>(
  account: ProviderAccount,
  signal: AbortSignal,
  call: (token: string) => Promise<T | Unauthorized>,
): Promise<T> {
  let rejected: string | undefined;
  for (;;) {
    const token = await accessToken(account, signal, rejected);
    const answer = await call(token);
    if (!('unauthorized' in answer)) return answer;
    if (rejected !== undefined || !signsInWithLogin(account)) throw credentialsRefused(account, answer.unauthorized);
    rejected = token;
  }
}

function readTokens(session: ProviderSession): DelosTokens | null {
  const accessToken = session.get('accessToken');
  if (!accessToken) return null;
  const refreshToken = session.get('refreshToken');
  rememberSecret(accessToken);
  rememberSecret(refreshToken ?? undefined);
  return {
    accessToken,
    accessExpiresAt: time(session.get('accessExpiresAt')),
    refreshToken,
    refreshExpiresAt: time(session.get('refreshExpiresAt')),
  };
}

async function renew(account: ProviderAccount): Promise<string> {
  const kept = readTokens(account.session);
  if (kept?.refreshToken && !lapsing(kept.refreshExpiresAt, 0)) {
    const refreshed = await refresh(account, kept);
    if (refreshed) return keep(account.session, refreshed);
  }
  return keep(account.session, await logIn(account));
}

/**
 * GET /v2/auth/refresh/{refreshToken}, without Authorization. Null when Delos
 * refuses it (expired, revoked, already rotated): then Ferry logs in again.
 * An unreachable or failing server throws, as a login would fail the same way.
 */
async function refresh(account: ProviderAccount, kept: DelosTokens): Promise<DelosTokens | null> {
  const answer = await callDelos(account, `/v2/auth/refresh/${encodeURIComponent(kept.refreshToken ?? '')}`, {
    headers: { accept: 'application/json' },
  });
  if (answer.status < 200 || answer.status >= 300) return null;
  return parseTokens(answer.text, kept);
}

/** POST /v2/auth/login {login, password}: sending it twice does no harm, so a dropped connection is tried again. */
async function logIn(account: ProviderAccount): Promise<DelosTokens> {
  const { login, password } = account.credentials;
  const answer = await callDelos(account, '/v2/auth/login', {
    method: 'POST',
    body: JSON.stringify({ login, password }),
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    idempotent: true,
  });
  if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
    throw credentialsRefused(account, delosSaid(answer.text));
  }
  if (answer.status < 200 || answer.status >= 300) throw delosFailed(`sign in "${account.label}"`, answer);
  const tokens = parseTokens(answer.text, null);
  if (!tokens) {
    throw new FerryError(
      'provider',
      `Delos answered the sign-in of "${account.label}" without an access token. Check that the account's base URL is your Delos API's address, then retry.`,
      { provider: 'delos' },
    );
  }
  return tokens;
}

/** `{accessToken, refreshToken, accessTtl, refreshTtl}`, TTLs in seconds; a refresh may keep the old refresh token. */
function parseTokens(text: string, previous: DelosTokens | null, now = Date.now()): DelosTokens | null {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof parsed?.accessToken !== 'string' || parsed.accessToken === '') return null;
  const newRefresh = typeof parsed.refreshToken === 'string' && parsed.refreshToken !== '';
  return {
    accessToken: parsed.accessToken,
    accessExpiresAt: expiry(parsed.accessTtl, now),
    refreshToken: newRefresh ? (parsed.refreshToken as string) : (previous?.refreshToken ?? null),
    refreshExpiresAt: newRefresh ? expiry(parsed.refreshTtl, now) : (previous?.refreshExpiresAt ?? null),
  };
}

function keep(session: ProviderSession, tokens: DelosTokens): string {
  rememberSecret(tokens.accessToken);
  rememberSecret(tokens.refreshToken ?? undefined);
  session.set('accessToken', tokens.accessToken);
  session.set('accessExpiresAt', tokens.accessExpiresAt === null ? null : String(tokens.accessExpiresAt));
  session.set('refreshToken', tokens.refreshToken);
  session.set('refreshExpiresAt', tokens.refreshExpiresAt === null ? null : String(tokens.refreshExpiresAt));
  return tokens.accessToken;
}

function expiry(ttl: unknown, now: number): number | null {
  const seconds = typeof ttl === 'string' ? Number(ttl) : ttl;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? now + seconds * 1000 : null;
}

function time(text: string | null): number | null {
  const value = Number(text);
  return text && Number.isFinite(value) ? value : null;
}

function lapsing(expiresAt: number | null, margin = RENEW_BEFORE_MS): boolean {
  return expiresAt !== null && expiresAt - Date.now() <= margin;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
