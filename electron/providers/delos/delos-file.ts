import { setTimeout as sleep } from 'node:timers/promises';
import { extension } from 'mime-types';
import { FerryError } from '../../../shared/errors';
import type { DownloadSpec } from '../../engine/download-spec';
import type { ProviderAccount, ResolveContext } from '../provider';
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
 * `waiting: locked`, and a missing or forbidden one fails at once in Delos's words.
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
  for (let times = 0; ; times += 1) {
    const { token, verdict } = await withAccessToken(account, context.signal, async (token) => {
      const verdict = await probeFile(url, token, context.signal);
      return 'unauthorized' in verdict ? verdict : { token, verdict };
    });
    if (verdict.kind === 'ready') {
      return { spec: fileSpec(url, token, file.fileId, verdict.envelope?.contentType), envelope: !!verdict.envelope };
    }
    if (verdict.refusal !== 'locked') throw refusedError(account, file, verdict);
    const waited = Date.now() - started;
    const limit = locked.timeoutMs();
    if (waited >= limit) throw lockedTooLong(file, verdict, limit);
    context.waiting('locked');
    const delay = Math.min(locked.firstDelayMs * 2 ** times, locked.maxDelayMs, limit - waited);
    await sleep(delay, undefined, { signal: context.signal });
  }
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
      ? `Delos has no ${which}${said}. Check the file id (ferry accounts browse ${account.label} lists the account's files), then retry.`
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
