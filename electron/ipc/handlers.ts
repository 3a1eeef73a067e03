import type { CallChannel } from '../../shared/ipc/channels';
import type { CallRequest, CallResponse } from '../../shared/ipc/contract';
import type { Services } from '../services';

export type Handlers = {
  [C in CallChannel]: (payload: CallRequest<C>) => CallResponse<C> | Promise<CallResponse<C>>;
};

/** The one place that says which service answers which channel. */
export function createHandlers(services: Services): Handlers {
  return {
    'app:info': () => services.appInfo,
    'app:ping': ({ nonce }) => ({ nonce, receivedAt: Date.now() }),
    'settings:get': () => services.settings.get(),
    'settings:update': (patch) => services.settings.update(patch),
    'downloads:add': (request) => services.downloads.add(request),
    'downloads:list': () => services.downloads.list(),
    'downloads:control': (request) => services.downloads.control(request),
    'queues:list': () => services.downloads.queues(),
  };
}
