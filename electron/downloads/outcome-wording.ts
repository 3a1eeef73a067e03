import type { DownloadErrorCode } from '../../shared/download-errors';
import { FerryError } from '../../shared/errors';
import { EngineError } from '../engine/engine-error';
import type { TransferOutcome } from '../engine/transfer-types';
import type { Resolved } from './resolve-download';

/** A provider's fetch fails with the engine's codes (a block that does not match is `verification`), else `provider`. */
export function fetchErrorCode(error: unknown): DownloadErrorCode {
  if (error instanceof EngineError) return error.code;
  return error instanceof FerryError && error.code === 'network' ? 'network' : 'provider';
}

/**
 * Lets the provider say what a failure means on its platform (wrong
 * credentials versus a missing file), and names the folder of a disk that
 * failed or filled up: the engine knows only the file's name.
 */
export function explain(outcome: TransferOutcome, resolved: Resolved, directory: string): TransferOutcome {
  if (outcome.status !== 'failed') return outcome;
  if (isDiskError(outcome.error) && !outcome.error.message.includes(directory)) {
    const { code, message, status, retryable, cause } = outcome.error;
    const named = `${message} (Folder: ${directory})`;
    return { ...outcome, error: new EngineError(code, named, { status, retryable, cause }) };
  }
  if (outcome.error.status === undefined) return outcome;
  const message = resolved.provider.explainStatus?.(outcome.error.status, resolved.accountLabel);
  if (!message) return outcome;
  const { code, status, retryable } = outcome.error;
  return { ...outcome, error: new EngineError(code, message, { status, retryable }) };
}

function isDiskError(error: EngineError): boolean {
  return error.code === 'disk_full' || error.code === 'disk';
}
