import { z } from 'zod';

/** What the timeline of a download records: what a person wants to read when something went wrong. Progress is not an event. */
export const downloadEventKinds = [
  'added',
  'started',
  'retrying',
  'paused',
  'resumed',
  'canceled',
  'retried',
  'failed',
  'done',
  'verified',
] as const;
export type DownloadEventKind = (typeof downloadEventKinds)[number];

/** One moment of a download's timeline, oldest first in a history. */
export const downloadEventSchema = z.object({
  at: z.number(),
  kind: z.enum(downloadEventKinds),
  /** Which start it belongs to: 1 for the first, 0 before any. */
  attempt: z.number(),
  /** The reason of a retry or a failure, in the engine's or platform's words, secrets cut. */
  message: z.string().nullable(),
});
export type DownloadEvent = z.infer<typeof downloadEventSchema>;

/** The newest events a download keeps: a flapping server retries without end, and must not grow the library so. */
export const MAX_EVENTS_PER_DOWNLOAD = 50;
