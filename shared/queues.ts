import { z } from 'zod';

export const queueSchema = z.object({
  id: z.number(),
  name: z.string(),
  concurrency: z.number(),
  speedLimit: z.number(),
  paused: z.boolean(),
  /** A daily window, 'HH:MM' local time; null when the queue may run at any time. */
  schedule: z.object({ start: z.string(), stop: z.string() }).nullable(),
  /** Where its downloads go; null means the download folder from the settings. */
  directory: z.string().nullable(),
});
export type Queue = z.infer<typeof queueSchema>;

/** The queue that always exists: downloads go there unless told otherwise, and back there when theirs is deleted. */
export const DEFAULT_QUEUE_ID = 1;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 22:00.');

const editableQueue = {
  name: z.string().trim().min(1, 'Give the queue a name.').max(80),
  /** 0: no limit of its own, the global setting applies. */
  concurrency: z.int().min(0).max(16),
  speedLimit: z.int().min(0),
  paused: z.boolean(),
  schedule: z.object({ start: clock, stop: clock }).nullable(),
};

export const createQueueSchema = z.strictObject({
  name: editableQueue.name,
  concurrency: editableQueue.concurrency,
  speedLimit: editableQueue.speedLimit.optional(),
  schedule: editableQueue.schedule.optional(),
});

export const queuePatchSchema = z.strictObject(editableQueue).partial();
export type QueuePatch = z.infer<typeof queuePatchSchema> & { directory?: string | null };
