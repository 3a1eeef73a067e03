import { z } from 'zod';

/**
 * The window previews finished files up to this size, counting everything a
 * model references; a bigger one is opened in its own app instead.
 */
export const MAX_PREVIEW_BYTES = 50 * 1024 * 1024;

/**
 * OBJ files are turned into a model on the window's own thread, which a big
 * one would freeze for seconds: they are previewed up to this size.
 */
export const MAX_OBJ_PREVIEW_BYTES = 10 * 1024 * 1024;

/**
 * The kinds of file the Details panel can show: images inline, glTF and OBJ
 * models in a 3D viewer. A .gltf reaches the window packed into one GLB.
 */
export const previewMimes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'model/gltf-binary',
  'model/gltf+json',
  'model/obj',
] as const;
export type PreviewMime = (typeof previewMimes)[number];

const mimeByExtension: Record<string, PreviewMime> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  glb: 'model/gltf-binary',
  gltf: 'model/gltf+json',
  obj: 'model/obj',
};

/** What a file name says it holds, when the window can preview it; null otherwise. */
export function previewMimeFor(name: string): PreviewMime | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return mimeByExtension[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** A file an OBJ refers to (its .mtl, the textures the .mtl names), by the name written in the referring file. */
const previewResourceSchema = z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) });
export type PreviewResource = z.infer<typeof previewResourceSchema>;

export const filePreviewSchema = z.object({
  mime: z.enum(previewMimes),
  bytes: z.instanceof(Uint8Array),
  resources: z.array(previewResourceSchema).optional(),
});
export type FilePreview = z.infer<typeof filePreviewSchema>;
