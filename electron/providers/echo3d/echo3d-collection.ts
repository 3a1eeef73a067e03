import { z } from 'zod';

/**
 * echo3D's collection answer, read field by field: a field of the wrong type
 * is dropped rather than failing the whole listing, and an entry that is not
 * an object is left out, so one odd entry never hides the others (nor crashes
 * Ferry on a property of `null`).
 */
const optionalText = z.string().optional().catch(undefined);
/** Ids and names are matched by position, so a non-string keeps its place: an empty id (skipped), no name. */
const idList = z
  .array(z.unknown())
  .transform((items) => items.map((item) => (typeof item === 'string' ? item : '')))
  .optional()
  .catch(undefined);
const nameList = z
  .array(z.unknown())
  .transform((items) => items.map((item) => (typeof item === 'string' ? item : undefined)))
  .optional()
  .catch(undefined);

const extrasShape = {
  textureFilenames: nameList,
  textureStorageIDs: idList,
  materialFilename: optionalText,
  materialStorageID: optionalText,
};

const entrySchema = z.object({
  ...extrasShape,
  /** echo3D keeps the textures and material inside `hologram` (DESIGN.md section 5); older answers had them beside it. */
  hologram: z
    .object({ filename: optionalText, storageID: optionalText, ...extrasShape })
    .optional()
    .catch(undefined),
  /** Converted versions appear here as `<format>HologramStorageID` (DESIGN.md section 5). */
  additionalData: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

export type CollectionEntry = z.infer<typeof entrySchema>;
export type EntryExtras = Pick<CollectionEntry, keyof typeof extrasShape>;

/** The entries of a `/query` answer by id (`db`), or null when the answer is not a collection at all. */
export function readCollection(text: string): Map<string, CollectionEntry> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const db = parsed.db ?? {};
  if (!isRecord(db)) return null;
  const entries = new Map<string, CollectionEntry>();
  for (const [id, raw] of Object.entries(db)) {
    const entry = entrySchema.safeParse(raw);
    if (entry.success) entries.set(id, entry.data);
  }
  return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
