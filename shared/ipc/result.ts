import type { ProviderId } from '../platforms';

/**
 * What crosses the wire for every call: a value or a typed error, never a thrown
 * exception, because Electron flattens thrown errors into an opaque string.
 */
export type IpcErrorCode =
  | 'unknown_channel'
  | 'invalid_payload'
  | 'forbidden_sender'
  /** A file Ferry will not hand out (drag out) because it lies outside the folders the person chose. */
  | 'outside_folders'
  | 'storage'
  | 'invalid_ref'
  | 'not_found'
  | 'conflict'
  | 'keychain'
  | 'network'
  /** A platform's API refused or failed; `provider` in the error says which platform. */
  | 'provider'
  | 'internal';

export interface IpcIssue {
  path: string;
  message: string;
}

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  issues?: IpcIssue[];
  /** With the `provider` code: which platform answered. */
  provider?: ProviderId;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(
  code: IpcErrorCode,
  message: string,
  details: { issues?: IpcIssue[]; provider?: ProviderId } = {},
): IpcResult<never> {
  return { ok: false, error: { code, message, ...details } };
}

export function unknownChannel(channel: unknown): IpcResult<never> {
  const name = String(channel).slice(0, 80);
  return fail(
    'unknown_channel',
    `Ferry's main process has no "${name}" call. The window and the main process may be from different versions: restart Ferry.`,
  );
}
