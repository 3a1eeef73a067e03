import { z } from 'zod';

/** The window previews finished files up to this size; a bigger one is opened in its own app instead. */
export const MAX_PREVIEW_BYTES = 50 * 1024 * 1024;

/** The kinds of file the Details panel can show: images inline, GLB models in a 3D viewer. */
export const previewMimes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'model/gltf-binary'] as const;
export type PreviewMime = (typeof previewMimes)[number];

const mimeByExtension: Record<string, PreviewMime> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  glb: 'model/gltf-binary',
};

/** What a file name says it holds, when the window can preview it; null otherwise. */
export function previewMimeFor(name: string): PreviewMime | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return mimeByExtension[name.slice(dot + 1).toLowerCase()] ?? null;
}

export const filePreviewSchema = z.object({
  mime: z.enum(previewMimes),
  bytes: z.instanceof(Uint8Array),
});
export type FilePreview = z.infer<typeof filePreviewSchema>;
