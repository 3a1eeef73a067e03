import type { z } from 'zod';
import { FerryError } from '../../shared/errors';
import { type CallChannel, callChannels, isCallChannel } from '../../shared/ipc/channels';
import { calls } from '../../shared/ipc/contract';
import { fail, type IpcIssue, type IpcResult, ok, unknownChannel } from '../../shared/ipc/result';
import type { Services } from '../services';
import type { EventListener } from './event-hub';
import { createHandlers } from './handlers';

export interface Router {
  readonly channels: readonly CallChannel[];
  /** Never rejects: every outcome, including a bug in a service, is an `IpcResult`. */
  invoke(channel: unknown, payload: unknown): Promise<IpcResult<unknown>>;
  onEvent(listener: EventListener): () => void;
}

/**
 * The transport-agnostic core of IPC. Electron binds it to ipcMain, the
 * end-to-end tests bind it to a Playwright page, the CLI calls services directly.
 */
export function createRouter(services: Services): Router {
  const handlers = createHandlers(services);
  return {
    channels: callChannels,
    async invoke(channel, payload) {
      if (!isCallChannel(channel)) return unknownChannel(channel);
      const parsed = calls[channel].request.safeParse(payload);
      if (!parsed.success) return invalidPayload(channel, parsed.error);
      const handler = handlers[channel] as (request: unknown) => unknown;
      try {
        return ok(await handler(parsed.data));
      } catch (error) {
        return failure(channel, error, services.logger);
      }
    },
    onEvent: (listener) => services.events.subscribe(listener),
  };
}

function invalidPayload(channel: CallChannel, error: z.ZodError): IpcResult<never> {
  const issues: IpcIssue[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const detail = issues.map((issue) => asSentence(issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  return fail(
    'invalid_payload',
    `Ferry refused the "${channel}" request. ${detail.join(' ')} Correct the value and try again; if you did not type it, restart Ferry.`,
    { issues },
  );
}

function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function failure(channel: CallChannel, error: unknown, logger: Services['logger']): IpcResult<never> {
  if (error instanceof FerryError) {
    return fail(error.code, error.message, error.provider ? { provider: error.provider } : {});
  }
  logger.error(`The "${channel}" handler failed:`, error);
  return fail(
    'internal',
    `Something went wrong inside Ferry while handling "${channel}". Your downloads are safe; try again, and if it keeps happening, restart Ferry.`,
  );
}
