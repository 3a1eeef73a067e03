import { z } from 'zod';

export const queueSchema = z.object({
  id: z.number(),
  name: z.string(),
  concurrency: z.number(),
  speedLimit: z.number(),
  paused: z.boolean(),
  /** A daily window, 'HH:MM' local time; null when the queue may run at any time. */
  schedule: z.object({ start: z.string(), stop: z.string() }).nullable(),
});
export type Queue = z.infer<typeof queueSchema>;

export type QueuePatch = Partial<Pick<Queue, 'name' | 'concurrency' | 'speedLimit' | 'paused' | 'schedule'>>;
