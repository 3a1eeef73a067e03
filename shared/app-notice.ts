import { z } from 'zod';

/**
 * Something a person must read that does not stop Ferry, shown in the window until they dismiss it: the library
 * lost its latest changes with a deleted journal, or its journal was deleted under a running Ferry. `id` tells
 * notices apart so the window can dismiss one.
 */
export const appNoticeSchema = z.object({
  id: z.int().positive(),
  level: z.literal('warning'),
  message: z.string().min(1),
});

export type AppNotice = z.infer<typeof appNoticeSchema>;
