/**
 * What crosses the wire for every call: a value or a typed error, never a thrown
 * exception, because Electron flattens thrown errors into an opaque string.
 */
export type IpcErrorCode =
  | 'unknown_channel'
  | 'invalid_payload'
  | 'forbidden_sender'
  | 'storage'
  | 'invalid_ref'
  | 'not_found'
  | 'conflict'
  | 'keychain'
  | 'network'
  | 'echo3d'
  | 'internal';

export interface IpcIssue {
  path: string;
  message: string;
}

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  issues?: IpcIssue[];
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string, issues?: IpcIssue[]): IpcResult<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

export function unknownChannel(channel: unknown): IpcResult<never> {
  const name = String(channel).slice(0, 80);
  return fail(
    'unknown_channel',
    `Ferry's main process has no "${name}" call. The window and the main process may be from different versions: restart Ferry.`,
  );
}
