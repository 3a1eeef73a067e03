import type { CallChannel } from '../../shared/ipc/channels';
import type { CallRequest } from '../../shared/ipc/contract';

/** A valid payload for every call: adding a channel without one here fails to compile. */
export const samplePayloads: { [C in CallChannel]: CallRequest<C> } = {
  'app:info': undefined,
  'app:ping': { nonce: 'sample' },
  'app:openLogFolder': undefined,
  'app:linkCli': undefined,
  'app:takeAddRequests': undefined,
  'app:takeReveal': undefined,
  'app:takeNotices': undefined,
  'settings:get': undefined,
  'settings:update': { theme: 'dark', notifyOnComplete: false },
  'settings:chooseDownloadDir': undefined,
  'downloads:add': { refs: ['http://127.0.0.1:9/sample.bin'] },
  'downloads:preview': { refs: ['http://127.0.0.1:9/sample.bin', 'ftp://nowhere'] },
  'downloads:list': undefined,
  'downloads:control': { action: 'pause', ids: 'all' },
  'downloads:remove': { ids: [1], deleteFiles: false },
  'downloads:open': { id: 1 },
  'downloads:showInFolder': { id: 1 },
  'downloads:startDrag': { id: 1 },
  'downloads:previewFile': { id: 1 },
  'downloads:history': { id: 1 },
  'downloads:move': { ids: [1], queueId: 1 },
  'downloads:prioritize': { ids: [1], priority: 5 },
  'history:search': { query: 'castle' },
  'queues:list': undefined,
  'queues:create': { name: 'Night', concurrency: 2, schedule: { start: '22:00', stop: '06:00' } },
  'queues:update': { id: 1, patch: { concurrency: 4 } },
  'queues:delete': { id: 99 },
  'queues:chooseFolder': { id: 1 },
  'downloads:chooseFolder': undefined,
  'accounts:list': undefined,
  'accounts:create': { provider: 'scenario', label: 'Sample', fields: { apiKey: 'id', apiSecret: 'sample-secret' } },
  'accounts:update': { id: 'no-such-account', change: { label: 'Renamed' } },
  'accounts:remove': { id: 'no-such-account' },
  'accounts:setDefault': { id: 'no-such-account' },
  'accounts:test': { id: 'no-such-account' },
  'accounts:browse': { id: 'no-such-account' },
};

/**
 * Answers a sample may get besides success: the entity it names may not
 * exist, and outside a keychain session an account cannot be saved. Never a bug.
 */
export function isExpectedAnswer(result: { ok: boolean; error?: { code: string } }): boolean {
  return result.ok || result.error?.code === 'not_found' || result.error?.code === 'keychain';
}
