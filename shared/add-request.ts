import { z } from 'zod';

/**
 * A request from outside the window to open the Add dialog: a ferry:// link, a second launch with refs, a list
 * file. `text` pre-fills the dialog (nothing is queued until the person confirms there); `problem` says what was
 * refused and why, shown as the dialog's error.
 */
export const addRequestSchema = z.object({ text: z.string(), problem: z.string().nullable() });

/** Copied text that holds refs Ferry understands, offered (never added) while the clipboard watch is on. */
export const clipboardOfferSchema = z.object({ text: z.string(), count: z.int().positive() });

export type AddRequest = z.infer<typeof addRequestSchema>;
export type ClipboardOffer = z.infer<typeof clipboardOfferSchema>;
