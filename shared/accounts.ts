import { z } from 'zod';
import { providerIds } from './platforms';

/** One way to download a listed entry, e.g. its original or a converted GLB. */
export const browseChoiceSchema = z.object({ label: z.string(), ref: z.string() });
export type BrowseChoice = z.infer<typeof browseChoiceSchema>;

/** One entry of an account's library, as a picker shows it. */
export const browseEntrySchema = z.object({
  /** The ref that downloads this entry as it is. */
  ref: z.string(),
  name: z.string(),
  /** What kind of asset, e.g. the model's file type. */
  type: z.string(),
  /** Versions that exist already and download without a conversion. */
  formats: z.array(z.string()),
  tags: z.array(z.string()),
  detail: z.string(),
  /** Every way to download it, the plain ref first. */
  choices: z.array(browseChoiceSchema),
});
export type BrowseEntry = z.infer<typeof browseEntrySchema>;

/** What the window and the CLI see of a secret: only that it is set. */
export const secretMarkSchema = z.object({ set: z.literal(true) });

export const accountSchema = z.object({
  id: z.string(),
  provider: z.enum(providerIds),
  label: z.string(),
  baseUrl: z.string().nullable(),
  isDefault: z.boolean(),
  fields: z.record(z.string(), z.union([z.string(), secretMarkSchema])),
});
export type Account = z.infer<typeof accountSchema>;

export const newAccountSchema = z.strictObject({
  provider: z.enum(providerIds),
  label: z.string().trim().min(1, 'Give the account a label.').max(80),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  fields: z.record(z.string(), z.string().max(4096)),
});
export type NewAccount = z.infer<typeof newAccountSchema>;

export const accountUpdateSchema = z.strictObject({
  label: z.string().trim().min(1, 'Give the account a label.').max(80).optional(),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  /** Fields to change; a secret given here replaces the one in the keychain. */
  fields: z.record(z.string(), z.string().max(4096)).optional(),
});
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;
