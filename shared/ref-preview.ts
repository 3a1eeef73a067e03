import { z } from 'zod';
import { MAX_REFS_PER_ADD } from './downloads';
import { providerIds } from './platforms';

/** What a ref stands for, as the add dialog names it before anything is queued. */
export const refKinds = ['link', 'file', 'entry', 'entry-files', 'asset', 'batch', 'cid'] as const;
export type RefKind = (typeof refKinds)[number];

export const refKindLabels: Record<RefKind, string> = {
  link: 'file',
  file: 'file',
  entry: 'entry',
  'entry-files': 'entry with textures',
  asset: 'asset',
  batch: 'batch (one ZIP)',
  cid: 'CID',
};

/** What the providers read in a ref without asking the platform: its kind and, where the platform converts, its format. */
export interface RefDescription {
  kind: RefKind;
  /** The format asked for; null for the file as it is. */
  format?: string | null;
  /** The formats the platform converts this ref to, when a choice is possible. */
  formats?: readonly string[];
}

export const previewRefsSchema = z.strictObject({
  refs: z.array(z.string().trim().min(1).max(8192)).max(MAX_REFS_PER_ADD),
  /** The account the add would sign with; each platform's default account otherwise. */
  accountId: z.string().min(1).max(100).optional(),
});

export const refPreviewSchema = z.discriminatedUnion('ok', [
  z.object({
    ref: z.string(),
    ok: z.literal(true),
    platform: z.enum([...providerIds, 'http']),
    kind: z.enum(refKinds),
    /** The account that would sign it; null when the platform needs none or has no default yet. */
    accountLabel: z.string().nullable(),
    format: z.string().nullable().optional(),
    formats: z.array(z.string()).optional(),
  }),
  z.object({ ref: z.string(), ok: z.literal(false), message: z.string() }),
]);
export type RefPreview = z.infer<typeof refPreviewSchema>;

/**
 * The ref with its `format=` option set, or removed for the file as it is;
 * other options stay as they were.
 */
export function refWithFormat(ref: string, format: string | null): string {
  const [base = '', query = ''] = ref.split(/\?(.*)/s);
  const options = new URLSearchParams(query);
  if (format) options.set('format', format);
  else options.delete('format');
  const rest = options.toString();
  return rest ? `${base}?${rest}` : base;
}
