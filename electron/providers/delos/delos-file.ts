import { setTimeout as sleep } from 'node:timers/promises';
import { extension } from 'mime-types';
import { FerryError } from '../../../shared/errors';
import type { DownloadSpec } from '../../engine/download-spec';
import { backoffDelay } from '../../engine/retry-policy';
import { accountKey, accountThrottle } from '../account-throttle';
import type { ProviderAccount, ResolveContext } from '../provider';
import { downloadApiRetryPolicy } from '../provider-http';
import { delosBase } from './delos-api';
import { type ProbeVerdict, probeFile } from './delos-probe';
import { type DelosRef, parseDelosRef } from './delos-ref';
import { withAccessToken } from './delos-tokens';

/** How long a locked file is waited for, and how often Delos is asked meanwhile. */
export interface LockedWait {
  /** Read at each download, so a change of the setting applies to the next one. */
  timeoutMs(): number;
  firstDelayMs: number;
  maxDelayMs: number;
}

type Refused = Extract<ProbeVerdict, { kind: 'refused' }>;

/**
 * `delos:file/<fileId>[?customer=]`: GET /v2/storage/file/{id}[?customerId=]
 * with `Authorization: <accessToken>` (no "Bearer", as the seed shows). The
 * file's first byte is asked for first, so a locked file waits here, shown as
 * `waiting: locked`, so does one Delos answers 429 for, and a missing or
 * forbidden one fails at once in Delos's words.
 */
export async function resolveDelosFile(
  ref: string,
  context: ResolveContext,
  locked: LockedWait,
): Promise<{ spec: DownloadSpec; envelope: boolean }> {
  const file = parseDelosRef(ref) as DelosRef;
  const account = signing(context);
  const url = fileUrl(account, file);
  const started = Date.now();
  let locks = 0;
  let limits = 0;
  for (;;) {
    const { token, verdict } = await withAccessToken(account, context.signal, async (token) => {
      const verdict = await probeFile(url, token, context.signal);
      return 'unauthorized' in verdict ? verdict : { token, verdict };
    });
    if (verdict.kind === 'limited') {
      limits += 1;
      if (await waitedOut(account, verdict.retryAfterMs, limits, context)) continue;
    }
    if (verdict.kind !== 'refused') {
      const envelope = verdict.kind === 'ready' ? verdict.envelope : undefined;
      return { spec: fileSpec(url, token, file.fileId, envelope?.contentType), envelope: !!envelope };
    }
    if (verdict.refusal !== 'locked') throw refusedError(account, file, verdict);
    const waited = Date.now() - started;
    const limit = locked.timeoutMs();
    if (waited >= limit) throw lockedTooLong(file, verdict, limit);
    context.waiting('locked');
    const delay = Math.min(locked.firstDelayMs * 2 ** locks, locked.maxDelayMs, limit - waited);
    locks += 1;
    await sleep(delay, undefined, { signal: context.signal });
  }
}

/**
 * Delos asked Ferry to slow down (429) before the file: the whole account is
 * held as long as it asked, this download included, then the file is asked for
 * again. A pause longer than Ferry waits, or the same answer too many times, is
 * left to the engine, whose retries say so when they give up.
 */
async function waitedOut(
  account: ProviderAccount,
  retryAfterMs: number | undefined,
  attempt: number,
  context: ResolveContext,
): Promise<boolean> {
  const policy = downloadApiRetryPolicy;
  const delay = retryAfterMs ?? backoffDelay(attempt, policy);
  if (attempt >= policy.maxAttempts || delay > policy.maxRetryAfterMs) return false;
  const key = accountKey('delos', account);
  const until = Date.now() + delay;
  accountThrottle.holdUntil(key, until);
  context.waiting(`Delos asked Ferry to slow down until ${new Date(until).toLocaleTimeString()}`);
  await accountThrottle.wait(key, context.signal);
  return true;
}

function signing(context: { account: ProviderAccount | null }): ProviderAccount {
  if (!context.account) throw new FerryError('provider', 'Delos downloads need an account.', { provider: 'delos' });
  return context.account;
}

function fileUrl(account: ProviderAccount, file: DelosRef): string {
  const customerId = file.customerId ?? account.credentials.customerId;
  const query = customerId ? `?${new URLSearchParams({ customerId })}` : '';
  return `${delosBase(account)}/v2/storage/file/${encodeURIComponent(file.fileId)}${query}`;
}

/**
 * The engine names the file from Content-Disposition, else `<fileId>` with the
 * extension of its Content-Type. A file sent inside a JSON envelope would be
 * named `.json` that way, so it gets the extension of the type the envelope names.
 */
function fileSpec(url: string, token: string, fileId: string, envelopeType?: string | null): DownloadSpec {
  const inner = envelopeType ? extension(envelopeType) : false;
  return {
    url,
    headers: { accept: '*/*', authorization: token },
    suggestedName: inner ? `${fileId}.${inner}` : fileId,
  };
}

function refusedError(account: ProviderAccount, file: DelosRef, verdict: Refused): FerryError {
  const said = verdict.said ? `: "${verdict.said}"` : '';
  const customer = file.customerId ?? account.credentials.customerId;
  const which = `file ${file.fileId}${customer ? ` of customer ${customer}` : ''}`;
  const message =
    verdict.refusal === 'not_found'
      ? `Delos has no ${which}${said}. Check the file id (its account's library lists them: Browse in Accounts, or ferry accounts browse ${account.label}), then retry.`
      : verdict.refusal === 'denied'
        ? `Delos denied "${account.label}" access to ${which}${said}. Ask for access to it, or check the customer (?customer= in the ref, or the account's customerId), then retry.`
        : `Delos refused ${which} (HTTP ${verdict.status}${said}). Try again later; if it keeps failing, check the file in Delos.`;
  return new FerryError('provider', message, { provider: 'delos' });
}

function lockedTooLong(file: DelosRef, verdict: Refused, limitMs: number): FerryError {
  const said = verdict.said ? ` ("${verdict.said}")` : '';
  const waited =
    limitMs === 0 ? 'and Ferry is set not to wait for locked files' : `for the ${duration(limitMs)} Ferry waits`;
  return new FerryError(
    'provider',
    `Delos kept file ${file.fileId} locked${said} ${waited}. Retry it once it is unlocked; the delosLockedTimeoutMinutes setting says how long Ferry waits.`,
    { provider: 'delos' },
  );
}

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} seconds`;
  const minutes = Math.round(ms / 6_000) / 10;
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
