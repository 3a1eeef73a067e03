import { z } from 'zod';
import { accountSchema, accountUpdateSchema, browseEntrySchema, newAccountSchema } from '../accounts';
import { addRequestSchema, clipboardOfferSchema } from '../add-request';
import { appInfoSchema } from '../app-info';
import { appNoticeSchema } from '../app-notice';
import { cliLinkSchema } from '../cli-link';
import { downloadEventSchema } from '../download-history';
import { addDownloadsSchema, controlDownloadsSchema, downloadProgressSchema, downloadSchema } from '../downloads';
import { filePreviewSchema } from '../file-preview';
import { createQueueSchema, queuePatchSchema, queueSchema } from '../queues';
import { previewRefsSchema, refPreviewSchema } from '../ref-preview';
import { revealTargetSchema } from '../reveal';
import { settingsPatchSchema, settingsSchema } from '../settings';
import type { CallChannel, EventChannel } from './channels';
import type { IpcResult } from './result';

/**
 * The one description of the IPC surface. A new channel is a new name in
 * `channels.ts` plus an entry here; the router, preload and renderer client
 * derive their types from these maps.
 */

interface CallSpec {
  request: z.ZodType;
  response: z.ZodType;
}

const noPayload = z.undefined();
const idList = z.array(z.int().positive()).min(1).max(10_000);
const accountId = z.strictObject({ id: z.string().min(1).max(100) });
/** A call that answers only "done"; failures still come back as typed errors. */
const nothing = z.void();

/** Renderer -> main calls, each with a request and a response schema. */
export const calls = {
  'app:info': { request: noPayload, response: appInfoSchema },
  'app:ping': {
    request: z.strictObject({ nonce: z.string().max(200) }),
    response: z.object({ nonce: z.string(), receivedAt: z.number() }),
  },
  'app:openLogFolder': { request: noPayload, response: nothing },
  /** Links the installed `ferry` command onto PATH (Linux, macOS); refused from a source checkout or on Windows. */
  'app:linkCli': { request: noPayload, response: cliLinkSchema },
  /** The window listens from now on: what ferry:// links and launches asked while it loaded, oldest first. */
  'app:takeAddRequests': { request: noPayload, response: z.array(addRequestSchema) },
  /** What a notification or the tray asked to bring into view while no window listened; null when nothing waits. */
  'app:takeReveal': { request: noPayload, response: revealTargetSchema.nullable() },
  /** The window listens from now on: the warnings raised before it did (at start, say), oldest first. */
  'app:takeNotices': { request: noPayload, response: z.array(appNoticeSchema) },
  'settings:get': { request: noPayload, response: settingsSchema },
  'settings:update': { request: settingsPatchSchema, response: settingsSchema },
  'settings:chooseDownloadDir': { request: noPayload, response: settingsSchema },
  'downloads:add': { request: addDownloadsSchema, response: z.array(downloadSchema) },
  'downloads:preview': { request: previewRefsSchema, response: z.array(refPreviewSchema) },
  'downloads:list': { request: noPayload, response: z.array(downloadSchema) },
  'downloads:control': { request: controlDownloadsSchema, response: z.object({ changed: z.number() }) },
  'downloads:remove': {
    request: z.strictObject({ ids: idList, deleteFiles: z.boolean() }),
    response: z.object({ removed: z.number() }),
  },
  'downloads:open': { request: z.strictObject({ id: z.int().positive() }), response: nothing },
  'downloads:showInFolder': { request: z.strictObject({ id: z.int().positive() }), response: nothing },
  'downloads:startDrag': { request: z.strictObject({ id: z.int().positive() }), response: nothing },
  /** The bytes of a finished download's file (an image or a GLB model), read by its id, for the Details panel. */
  'downloads:previewFile': { request: z.strictObject({ id: z.int().positive() }), response: filePreviewSchema },
  /** The timeline of one download (starts, retries with their reasons, pauses, the outcome), oldest first. */
  'downloads:history': { request: z.strictObject({ id: z.int().positive() }), response: z.array(downloadEventSchema) },
  'downloads:move': { request: z.strictObject({ ids: idList, queueId: z.int().positive() }), response: nothing },
  'downloads:prioritize': {
    request: z.strictObject({ ids: idList, priority: z.int().min(-1000).max(1000) }),
    response: nothing,
  },
  /** A folder for one add, picked with the system's picker; null when the person canceled. */
  'downloads:chooseFolder': { request: noPayload, response: z.object({ folder: z.string().nullable() }) },
  'history:search': { request: z.strictObject({ query: z.string().max(200) }), response: z.array(downloadSchema) },
  'queues:list': { request: noPayload, response: z.array(queueSchema) },
  'queues:create': { request: createQueueSchema, response: queueSchema },
  'queues:update': {
    request: z.strictObject({ id: z.int().positive(), patch: queuePatchSchema }),
    response: queueSchema,
  },
  'queues:delete': { request: z.strictObject({ id: z.int().positive() }), response: nothing },
  'queues:chooseFolder': { request: z.strictObject({ id: z.int().positive() }), response: queueSchema },
  'accounts:list': { request: noPayload, response: z.array(accountSchema) },
  'accounts:create': { request: newAccountSchema, response: accountSchema },
  'accounts:update': {
    request: z.strictObject({ id: z.string().min(1).max(100), change: accountUpdateSchema }),
    response: accountSchema,
  },
  'accounts:remove': { request: accountId, response: nothing },
  'accounts:setDefault': { request: accountId, response: accountSchema },
  'accounts:test': { request: accountId, response: z.object({ message: z.string() }) },
  'accounts:browse': { request: accountId, response: z.array(browseEntrySchema) },
} as const satisfies Record<CallChannel, CallSpec>;

/** Main -> renderer events, each with its payload schema. */
export const events = {
  'settings:changed': settingsSchema,
  /** Rows that changed status, name, size or place, at most ten batches a second. */
  'downloads:changed': z.array(downloadSchema),
  'downloads:progress': z.array(downloadProgressSchema),
  'downloads:removed': z.array(z.number()),
  'queues:changed': z.array(queueSchema),
  /** A notification or the tray was clicked: the window switches view and brings this into sight. */
  'app:reveal': revealTargetSchema,
  /** A ferry:// link or a launch asks for the Add dialog, pre-filled; nothing is queued until the person confirms. */
  'app:addRequested': addRequestSchema,
  /** Copied text holds refs (clipboard watch on): the window offers to add them. */
  'app:clipboardOffer': clipboardOfferSchema,
  /** A warning a person must read (the library's journal deleted under a running Ferry), raised while the window listens. */
  'app:notice': appNoticeSchema,
} as const satisfies Record<EventChannel, z.ZodType>;

export type CallRequest<C extends CallChannel> = z.infer<(typeof calls)[C]['request']>;
export type CallResponse<C extends CallChannel> = z.infer<(typeof calls)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.infer<(typeof events)[E]>;

/** Arguments after the channel name: none when the call takes no payload. */
export type CallArgs<C extends CallChannel> = CallRequest<C> extends undefined ? [] : [payload: CallRequest<C>];

/** An event as the router emits it: the channel and its payload, correlated. */
export type IpcEvent = { [E in EventChannel]: { event: E; payload: EventPayload<E> } }[EventChannel];

/** `window.ferry`: exactly what the preload exposes. */
export interface FerryApi {
  invoke<C extends CallChannel>(channel: C, ...args: CallArgs<C>): Promise<IpcResult<CallResponse<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
