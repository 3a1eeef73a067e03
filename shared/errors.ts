import type { IpcErrorCode } from './ipc/result';
import type { ProviderId } from './platforms';

interface FerryErrorOptions extends ErrorOptions {
  /** Which platform's API failed, with the `provider` code. */
  provider?: ProviderId;
}

/**
 * An error a person can act on: its message says what happened and what to do.
 * Services throw it; the router turns it into a typed IPC error.
 */
export class FerryError extends Error {
  readonly code: IpcErrorCode;
  readonly provider?: ProviderId;

  constructor(code: IpcErrorCode, message: string, options?: FerryErrorOptions) {
    super(message, options);
    this.name = 'FerryError';
    this.code = code;
    this.provider = options?.provider;
  }
}
