import type { CallChannel } from '../../shared/ipc/channels';
import type { CallRequest } from '../../shared/ipc/contract';

/** A valid payload for every call: adding a channel without one here fails to compile. */
export const samplePayloads: { [C in CallChannel]: CallRequest<C> } = {
  'app:info': undefined,
  'app:ping': { nonce: 'sample' },
  'settings:get': undefined,
  'settings:update': { theme: 'dark', notifyOnComplete: false },
  'downloads:add': { refs: ['http://127.0.0.1:9/sample.bin'] },
  'downloads:list': undefined,
  'downloads:control': { action: 'pause', ids: 'all' },
  'queues:list': undefined,
};
