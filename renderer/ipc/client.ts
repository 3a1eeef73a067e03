import type { CallChannel, EventChannel } from '../../shared/ipc/channels';
import type { CallArgs, CallResponse, EventPayload, FerryApi } from '../../shared/ipc/contract';
import type { IpcError, IpcErrorCode, IpcIssue } from '../../shared/ipc/result';

/** A failed call, carrying the main process's code and person-readable message. */
export class IpcCallError extends Error {
  readonly code: IpcErrorCode;
  readonly issues: IpcIssue[];

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

export interface FerryClient {
  call<C extends CallChannel>(channel: C, ...args: CallArgs<C>): Promise<CallResponse<C>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Unwraps IPC results into values or thrown `IpcCallError`s, which is what UI code wants. */
export function createFerryClient(api: FerryApi): FerryClient {
  return {
    async call(channel, ...args) {
      const result = await api.invoke(channel, ...args);
      if (!result.ok) throw new IpcCallError(result.error);
      return result.value;
    },
    on: (event, listener) => api.on(event, listener),
  };
}

/** The main process writes its messages for people; anything else is a bug whose text would only confuse. */
export function errorMessage(error: unknown): string {
  if (error instanceof IpcCallError) return error.message;
  return 'Ferry could not reach its main process. Restart Ferry; your downloads are safe.';
}
