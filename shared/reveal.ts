import { z } from 'zod';

/**
 * What the window should bring into view when a notification or the tray is
 * clicked: a download (selected, its details open), a queue, or an account.
 */
export const revealTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('download'), id: z.number() }),
  z.object({ kind: z.literal('queue'), id: z.number() }),
  z.object({ kind: z.literal('account'), id: z.string() }),
]);
export type RevealTarget = z.infer<typeof revealTargetSchema>;
