import type { IpcErrorCode } from './ipc/result';

/**
 * An error a person can act on: its message says what happened and what to do.
 * Services throw it; the router turns it into a typed IPC error.
 */
export class FerryError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FerryError';
    this.code = code;
  }
}
