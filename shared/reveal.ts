import { z } from 'zod';

/**
 * What the window should bring into view when a notification or the tray is
 * clicked: a download (selected, its details open), a queue, an account, or
 * Settings (the macOS app menu's Settings…).
 */
export const revealTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('download'), id: z.number() }),
  z.object({ kind: z.literal('queue'), id: z.number() }),
  z.object({ kind: z.literal('account'), id: z.string() }),
  z.object({ kind: z.literal('settings') }),
]);
export type RevealTarget = z.infer<typeof revealTargetSchema>;
