import { z } from 'zod';
import { downloadErrorSchema } from './download-errors';
import { downloadActions, downloadStatuses } from './download-status';

/** One file Ferry fetches, as the library keeps it. Speed and ETA are live values, not stored. */
export const downloadSchema = z.object({
  id: z.number(),
  queueId: z.number(),
  accountId: z.string().nullable(),
  /** Which provider fetches it: `http` for direct links. */
  provider: z.string(),
  ref: z.string(),
  status: z.enum(downloadStatuses),
  /** Why it waits, while it is `waiting`: "converting", a batch job's status, "locked". */
  waitingFor: z.string().nullable(),
  name: z.string().nullable(),
  path: z.string().nullable(),
  directory: z.string(),
  size: z.number().nullable(),
  received: z.number(),
  error: downloadErrorSchema.nullable(),
  priority: z.number(),
  /** Per-download overrides of the settings; null means "use the settings". */
  connections: z.number().nullable(),
  speedLimit: z.number().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  sha256: z.string().nullable(),
  /** Unpack the file when it is a ZIP or TAR: beside it, or merged into its folder for a Scenario batch. */
  unpack: z.boolean(),
  /** Where the archive's contents went: a folder, or the one file it held. */
  unpackedTo: z.string().nullable(),
});
export type Download = z.infer<typeof downloadSchema>;

/** Live numbers for a running download, sent in batches. */
export const downloadProgressSchema = z.object({
  id: z.number(),
  received: z.number(),
  size: z.number().nullable(),
  speed: z.number(),
  eta: z.number().nullable(),
  /** A CID fetched from IPFS gateways: every block is checked against its CID as it arrives. */
  verifyingCid: z.boolean().optional(),
});
export type DownloadProgress = z.infer<typeof downloadProgressSchema>;

export const MAX_REFS_PER_ADD = 10_000;

export const addDownloadsSchema = z.strictObject({
  refs: z
    .array(z.string().trim().min(1).max(8192))
    .min(1, 'Give at least one link.')
    .max(MAX_REFS_PER_ADD, `Add at most ${MAX_REFS_PER_ADD} links at once.`),
  queueId: z.int().positive().optional(),
  /** Unpack archives once downloaded; the settings' default when left out. */
  unpack: z.boolean().optional(),
  /** The account to sign with (one picked from its library); the provider's default account otherwise. */
  accountId: z.string().min(1).max(100).optional(),
  /** A folder for this add only, in place of the queue's; one the folder picker gave (`downloads:chooseFolder`). */
  directory: z.string().min(1).max(4096).optional(),
});

export const controlDownloadsSchema = z.strictObject({
  action: z.enum(downloadActions),
  ids: z.union([z.literal('all'), z.array(z.int().positive()).min(1).max(MAX_REFS_PER_ADD)]),
});
