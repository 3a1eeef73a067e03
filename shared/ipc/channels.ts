/**
 * The names of every IPC channel. Kept free of dependencies so the sandboxed
 * preload can bundle it without pulling in zod; `contract.ts` checks at compile
 * time that each name here has a schema and each schema has a name.
 */
export const callChannels = [
  'app:info',
  'app:ping',
  'app:openLogFolder',
  'app:linkCli',
  'app:takeAddRequests',
  'app:takeReveal',
  'app:takeNotices',
  'settings:get',
  'settings:update',
  'settings:chooseDownloadDir',
  'downloads:add',
  'downloads:preview',
  'downloads:list',
  'downloads:control',
  'downloads:remove',
  'downloads:open',
  'downloads:showInFolder',
  'downloads:startDrag',
  'downloads:previewFile',
  'downloads:history',
  'downloads:move',
  'downloads:prioritize',
  'downloads:chooseFolder',
  'history:search',
  'queues:list',
  'queues:create',
  'queues:update',
  'queues:delete',
  'queues:chooseFolder',
  'accounts:list',
  'accounts:create',
  'accounts:update',
  'accounts:remove',
  'accounts:setDefault',
  'accounts:test',
  'accounts:browse',
] as const;

export const eventChannels = [
  'settings:changed',
  'downloads:changed',
  'downloads:progress',
  'downloads:removed',
  'queues:changed',
  'app:reveal',
  'app:addRequested',
  'app:clipboardOffer',
  'app:notice',
] as const;

export type CallChannel = (typeof callChannels)[number];
export type EventChannel = (typeof eventChannels)[number];

const callChannelSet: ReadonlySet<string> = new Set(callChannels);
const eventChannelSet: ReadonlySet<string> = new Set(eventChannels);

export function isCallChannel(name: unknown): name is CallChannel {
  return typeof name === 'string' && callChannelSet.has(name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && eventChannelSet.has(name);
}
