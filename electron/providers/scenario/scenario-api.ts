import { CREDENTIALS_REFUSED } from '../../../shared/credentials-refusal';
import { FerryError } from '../../../shared/errors';
import { platforms } from '../../../shared/platforms';
import { redactText, rememberSecret } from '../../../shared/redact';
import { accountKey } from '../account-throttle';
import type { ProviderAccount } from '../provider';
import { callApi, downloadApiRetryPolicy } from '../provider-http';

// Scenario's descriptor always names its API; the type allows null for platforms that have none.
export const SCENARIO_API = platforms.scenario.defaultBaseUrl as string;

export interface ScenarioAnswer {
  status: number;
  headers: Record<string, string>;
  /** The answer parsed as JSON; null when it was not JSON. */
  json: unknown;
  text: string;
}

interface Call {
  method?: 'GET' | 'POST';
  /** A JSON body. */
  body?: string;
  query?: Record<string, string>;
  signal?: AbortSignal;
  /** A POST that does no harm sent twice (asking for a signed link); a batch job's POST is not. */
  idempotent?: boolean;
  /** Made while a download resolves: waits out a long Retry-After instead of failing. */
  forDownload?: boolean;
}

/**
 * One call to Scenario's API, signed with the account's key and secret
 * (`Authorization: Basic`). Every path is relative to the account's base URL;
 * the account's project, when it names one, goes with every call.
 */
export async function scenarioCall(account: ProviderAccount, path: string, call: Call = {}): Promise<ScenarioAnswer> {
  const { apiKey = '', apiSecret = '', projectId } = account.credentials;
  const query = new URLSearchParams({ ...call.query, ...(projectId ? { projectId } : {}) }).toString();
  const base = (account.baseUrl ?? SCENARIO_API).replace(/\/+$/, '');
  // The secret sits mid-string in the Basic header's base64, where it does not show as its own base64.
  rememberSecret(`${apiKey}:${apiSecret}`);
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
    accept: 'application/json',
    ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  const answer = await callApi(`${base}${path}${query ? `?${query}` : ''}`, {
    method: call.method,
    body: call.body,
    headers,
    signal: call.signal,
    idempotent: call.idempotent,
    retry: call.forDownload ? downloadApiRetryPolicy : undefined,
    platform: 'Scenario',
    provider: 'scenario',
    accountKey: accountKey('scenario', account),
  });
  return { ...answer, json: parseJson(answer.text) };
}

/** Scenario's answer when it is a success; otherwise an error that says what happened and what to do. */
export function expectOk(answer: ScenarioAnswer, account: ProviderAccount, what: string): unknown {
  if (answer.status >= 200 && answer.status < 300) {
    if (answer.json === null) throw scenarioError(`Scenario sent an unreadable answer for ${what}. Try again later.`);
    return answer.json;
  }
  throw scenarioError(statusMessage(answer, account.label, what));
}

function statusMessage(answer: ScenarioAnswer, label: string, what: string): string {
  const said = serverWords(answer);
  const status = `HTTP ${answer.status}${said ? `: ${said}` : ''}`;
  if (answer.status === 401 || answer.status === 403) {
    return `Scenario ${CREDENTIALS_REFUSED} "${label}" (${status}). ${platforms.scenario.credentialsHelp}`;
  }
  if (answer.status === 404) {
    return `Scenario has no ${what} (${status}). Check the id in Scenario, and the account's base URL, then retry.`;
  }
  if (answer.status === 429) {
    return `Scenario is limiting how often this account may call it (${status}). Wait a minute, then retry.`;
  }
  if (answer.status >= 500) return `Scenario is having trouble (${status}). Try again in a few minutes.`;
  return `Scenario refused the request for ${what} (${status}). Check the ref, then retry.`;
}

/** What the server said about a failure, in a few words, without anything secret. */
function serverWords(answer: ScenarioAnswer): string {
  const fields = (answer.json ?? {}) as Record<string, unknown>;
  const said = ['message', 'error', 'reason', 'detail'].map((name) => fields[name]).find((v) => typeof v === 'string');
  const text = typeof said === 'string' ? said : answer.json === null ? answer.text : '';
  const safe = redactText(text).replace(/\s+/g, ' ').trim();
  return safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
}

export function scenarioError(message: string): FerryError {
  return new FerryError('provider', message, { provider: 'scenario' });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
