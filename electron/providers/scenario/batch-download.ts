import { setTimeout as sleep } from 'node:timers/promises';
import { FerryError } from '../../../shared/errors';
import type { DownloadSpec } from '../../engine/download-spec';
import type { ProviderAccount, ResolveContext } from '../provider';
import { BatchJobs } from './batch-jobs';
import { expectOk, type ScenarioAnswer, scenarioCall, scenarioError } from './scenario-api';
import { type BatchSelection, batchDownloadBody } from './scenario-ref';
import { nameFromSignedUrl } from './signed-url-name';

/** Status words Scenario's own clients treat as the end of a job that will not make a ZIP. */
const FAILED = new Set(['failure', 'failed', 'error', 'canceled', 'cancelled']);

export interface BatchTiming {
  /** How long a job may take before Ferry gives up on it (the setting, read at each wait). */
  deadlineMs(): number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const batchTiming = (deadlineMs: () => number): BatchTiming => ({
  deadlineMs,
  firstDelayMs: 500,
  maxDelayMs: 15_000,
});

interface JobStatus {
  status: string;
  downloadUrl?: string;
}

/**
 * A batch's ZIP: the job Scenario builds it in (one asked for earlier for this
 * ref if it still exists, else a new one), polled until it has a link.
 */
export async function batchSpec(
  ref: string,
  selection: BatchSelection,
  context: ResolveContext,
  timing: BatchTiming,
): Promise<DownloadSpec> {
  const account = context.account as ProviderAccount;
  const jobs = new BatchJobs(account.session);
  const ask = async () => {
    const job = await requestJob(account, selection, context.signal);
    jobs.remember(ref, job);
    return job;
  };
  const wait = (job: string) =>
    waitForJob(account, job, context, timing).catch((error: unknown) => {
      // A failed or vanished job is no use to a retry: the next attempt asks for a new one.
      if (error instanceof JobEnded) jobs.forget(ref);
      throw error;
    });
  const kept = jobs.get(ref);
  let job = kept ?? (await ask());
  const url = await wait(job).catch(async (error: unknown) => {
    if (!(kept && error instanceof JobEnded && error.gone)) throw error;
    job = await ask();
    return wait(job);
  });
  return { url, suggestedName: nameFromSignedUrl(url) ?? `scenario-batch-${job}.zip` };
}

/** Forgets the job of a ref, so the next download of it asks Scenario for a new ZIP. */
export function forgetBatchJob(account: ProviderAccount, ref: string): void {
  new BatchJobs(account.session).forget(ref);
}

async function requestJob(account: ProviderAccount, selection: BatchSelection, signal: AbortSignal): Promise<string> {
  const answer = await scenarioCall(account, '/assets/download', {
    method: 'POST',
    body: batchDownloadBody(selection),
    signal,
    forDownload: true,
  });
  const { jobId } = expectOk(answer, account, 'batch downloads') as { jobId?: unknown };
  if (typeof jobId !== 'string' || jobId === '') {
    throw scenarioError('Scenario accepted the batch but sent no job id. Try again later.');
  }
  return jobId;
}

/** A job that will never make a ZIP: it failed, or Scenario no longer knows it. */
class JobEnded extends FerryError {
  readonly gone: boolean;

  constructor(message: string, gone: boolean) {
    super('provider', message, { provider: 'scenario' });
    this.gone = gone;
  }
}

/**
 * Polls the job with growing pauses until it has a download link, showing its
 * status meanwhile. Unknown statuses mean "still working", until the deadline.
 * A 429 is waited out inside the call (and holds the account's other calls).
 */
async function waitForJob(
  account: ProviderAccount,
  job: string,
  context: ResolveContext,
  timing: BatchTiming,
): Promise<string> {
  const deadline = Date.now() + timing.deadlineMs();
  let delay = timing.firstDelayMs;
  let shown: string | null = null;
  for (;;) {
    const answer = await scenarioCall(account, `/assets/download/${encodeURIComponent(job)}`, {
      signal: context.signal,
      forDownload: true,
    });
    const { status, downloadUrl } = readStatus(answer, account, job);
    if (downloadUrl) return downloadUrl;
    // Scenario's status is its own free text; the row puts it in words around it.
    if (status !== shown) context.waiting(`Scenario is preparing the ZIP (${status})`);
    shown = status;
    const left = deadline - Date.now();
    if (left <= 0) throw overdue(job, shown, timing.deadlineMs());
    await sleep(Math.min(delay, left), undefined, { signal: context.signal });
    delay = Math.min(delay * 2, timing.maxDelayMs);
  }
}

function readStatus(answer: ScenarioAnswer, account: ProviderAccount, job: string): JobStatus {
  if (answer.status === 404) {
    throw new JobEnded(`Scenario no longer knows batch job ${job} (HTTP 404). Retry: Ferry asks for a new job.`, true);
  }
  const body = expectOk(answer, account, `batch job ${job}`) as Record<string, unknown>;
  const status = typeof body.jobStatus === 'string' && body.jobStatus !== '' ? body.jobStatus : 'preparing';
  const downloadUrl = typeof body.downloadUrl === 'string' && body.downloadUrl !== '' ? body.downloadUrl : undefined;
  if (downloadUrl && !/^https?:\/\//i.test(downloadUrl)) {
    throw scenarioError(`Scenario sent a link for batch job ${job} that is not a web address. Try again later.`);
  }
  if (!downloadUrl && FAILED.has(status.toLowerCase())) {
    throw new JobEnded(
      `Scenario could not prepare batch job ${job} (status "${status}"). Check the asset, inference and model ids, then retry: Ferry asks for a new job.`,
      false,
    );
  }
  return { status, downloadUrl };
}

function overdue(job: string, status: string | null, deadlineMs: number): FerryError {
  return scenarioError(
    `Scenario's batch job ${job} was still ${status ? `"${status}"` : 'not ready'} after ${duration(deadlineMs)}, the longest Ferry waits (the "Scenario batch wait" setting). Retry later to wait for the same job again, or raise the setting.`,
  );
}

function duration(ms: number): string {
  const [amount, unit] =
    ms < 60_000 ? [Math.max(1, Math.round(ms / 1000)), 'second'] : [Number((ms / 60_000).toFixed(1)), 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
