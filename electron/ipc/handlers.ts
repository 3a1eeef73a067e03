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
    'app:openLogFolder': () => services.logFolder.open(),
    'app:linkCli': () => services.linkCli(),
    'app:takeAddRequests': () => services.addRequests.take(),
    'app:takeReveal': () => services.reveals.take().at(-1) ?? null,
    'app:takeNotices': () => services.notices.inbox.take(),
    'settings:get': () => services.settings.get(),
    'settings:update': (patch) => services.settings.update(patch),
    'settings:chooseDownloadDir': () => services.folders.chooseDownloadDir(),
    'downloads:add': (request) => services.downloads.add(services.folders.checkAddFolder(request)),
    'downloads:preview': (request) => services.downloads.preview(request),
    'downloads:list': () => services.downloads.list(),
    'downloads:control': (request) => services.downloads.control(request),
    'downloads:remove': ({ ids, deleteFiles }) => services.library.remove(ids, deleteFiles),
    'downloads:open': ({ id }) => services.library.open(id),
    'downloads:showInFolder': ({ id }) => services.library.showInFolder(id),
    'downloads:startDrag': ({ id }) => services.library.startDrag(id),
    'downloads:previewFile': ({ id }) => services.library.previewFile(id),
    'downloads:history': ({ id }) => services.library.history(id),
    'downloads:move': ({ ids, queueId }) => services.library.move(ids, queueId),
    'downloads:prioritize': ({ ids, priority }) => services.library.prioritize(ids, priority),
    'downloads:chooseFolder': () => services.folders.chooseAddFolder(),
    'history:search': ({ query }) => services.library.search(query),
    'queues:list': () => services.downloads.queues(),
    'queues:create': (queue) => services.library.createQueue(queue),
    'queues:update': ({ id, patch }) => services.library.updateQueue(id, patch),
    'queues:delete': ({ id }) => services.library.deleteQueue(id),
    'queues:chooseFolder': ({ id }) => services.folders.chooseQueueFolder(id),
    'accounts:list': () => services.accounts.list(),
    'accounts:create': (account) => services.accounts.create(account),
    'accounts:update': ({ id, change }) => services.accounts.update(id, change),
    'accounts:remove': ({ id }) => services.accounts.remove(id),
    'accounts:setDefault': ({ id }) => services.accounts.setDefault(id),
    'accounts:test': ({ id }) => services.accounts.test(id),
    'accounts:browse': ({ id }) => services.accounts.browse(id),
  };
}
