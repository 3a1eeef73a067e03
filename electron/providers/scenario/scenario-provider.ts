import { FerryError } from '../../../shared/errors';
import type { Provider, ProviderAccount, ResolveContext } from '../provider';
import { unpackWhenAsked } from '../unpack-when-asked';
import { assetSpec } from './asset-download';
import { type BatchTiming, batchSpec, forgetBatchJob } from './batch-download';
import { listAssets, testAccount } from './scenario-library';
import {
  batchRef,
  parseScenarioRef,
  recognizesScenarioRef,
  type ScenarioRef,
  scenarioFormats,
  splitBatch,
} from './scenario-ref';
import { unpackBatch } from './unpack-batch';

/**
 * Scenario (seeds/scenario-download.md): `scenario:asset/<id>[?format=png]`
 * asks for a signed link to one asset; `scenario:batch?assets=…` asks for a
 * ZIP job, waits for it and unpacks the ZIP. Calls are signed with the
 * account's key and secret; the signed links are never stored.
 */
export function createScenarioProvider(timing: BatchTiming): Provider {
  const resolve = (ref: string, context: ResolveContext) => {
    // The registry checked the ref before it reached here.
    const parsed = parseScenarioRef(ref) as ScenarioRef;
    if (parsed.kind === 'asset') return assetSpec(parsed.assetId, parsed.format, context);
    return batchSpec(ref, parsed, context, timing);
  };
  return {
    id: 'scenario',
    recognizes: recognizesScenarioRef,
    refProblem(ref) {
      const parsed = parseScenarioRef(ref);
      return 'problem' in parsed ? parsed.problem : null;
    },
    describe(ref) {
      const parsed = parseScenarioRef(ref) as ScenarioRef;
      if (parsed.kind === 'batch') return { kind: 'batch' };
      return { kind: 'asset', format: parsed.format ?? null, formats: scenarioFormats };
    },
    resolve,
    // Resolving asks for a fresh signed link each time (for a batch, the same job's), which is what a refresh is.
    refresh: resolve,
    expand: async (ref, account) => expandBatch(ref, account),
    test: testAccount,
    browse: listAssets,
    postProcess: (download) => (isBatch(download.ref) ? unpackBatch(download) : unpackWhenAsked(download)),
    explainStatus(status) {
      if (status === 403 || status === 410) {
        return `Scenario's download link was refused (HTTP ${status}); its links expire after a while. Retry the download: Ferry asks for a fresh link and continues where it stopped.`;
      }
      if (status === 404) {
        return 'Scenario’s download link led to nothing (HTTP 404). Retry the download; if that fails too, the asset may have been deleted in Scenario.';
      }
      return undefined;
    },
  };
}

/**
 * A batch is unpacked unless the person said otherwise, whatever the
 * settings say for other archives; one over Scenario's 1,000-asset limit
 * becomes one download a job, all into the same folder. Adding a batch again
 * means a new ZIP, so the job kept for an earlier download of it is forgotten.
 */
function expandBatch(ref: string, account: () => ProviderAccount) {
  const parsed = parseScenarioRef(ref);
  if ('problem' in parsed || parsed.kind !== 'batch') return null;
  const parts = splitBatch(parsed);
  const refs = parts.length === 1 ? [ref] : parts.map(batchRef);
  const signer = accountIfAny(account);
  for (const part of refs) if (signer) forgetBatchJob(signer, part);
  return refs.map((part) => ({ ref: part, folder: '', unpack: true }));
}

/** No account yet is no reason to refuse the batch: the download says what to add when it starts. */
function accountIfAny(account: () => ProviderAccount): ProviderAccount | null {
  try {
    return account();
  } catch (error) {
    if (error instanceof FerryError && error.code === 'not_found') return null;
    throw error;
  }
}

function isBatch(ref: string): boolean {
  const parsed = parseScenarioRef(ref);
  return !('problem' in parsed) && parsed.kind === 'batch';
}
