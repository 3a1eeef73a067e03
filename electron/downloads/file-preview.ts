import { basename } from 'node:path';
import type { Download } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import {
  type FilePreview,
  MAX_OBJ_PREVIEW_BYTES,
  MAX_PREVIEW_BYTES,
  type PreviewMime,
  previewMimeFor,
} from '../../shared/file-preview';
import { gltfToGlb } from '../previews/gltf-to-glb';
import { objResources } from '../previews/obj-resources';
import { ResourceReader } from '../previews/resource-reader';
import { savedFile } from './saved-file';

/** The first bytes each kind starts with: a file whose bytes are not what its name says is not handed to a decoder. */
const signatures: Record<PreviewMime, (head: Uint8Array) => boolean> = {
  'image/png': (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (head) => startsWith(head, [0xff, 0xd8, 0xff]),
  'image/gif': (head) => startsWith(head, [0x47, 0x49, 0x46, 0x38]),
  'image/webp': (head) => startsWith(head, [0x52, 0x49, 0x46, 0x46]) && ascii(head.subarray(8, 12)) === 'WEBP',
  'model/gltf-binary': (head) => ascii(head.subarray(0, 4)) === 'glTF',
  // Checked whole when it is parsed, with the buffers and textures it names.
  'model/gltf+json': () => true,
  // Text: a NUL byte in its first kilobytes means a binary file under an .obj name.
  'model/obj': (head) => !head.subarray(0, 4096).includes(0),
};

const kindNames: Record<PreviewMime, string> = {
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'model/gltf-binary': 'GLB model',
  'model/gltf+json': 'glTF model',
  'model/obj': 'OBJ model',
};

/**
 * The bytes of a finished download's file for the window to preview. Only the
 * path the library recorded is read (the window names a download, never a
 * path), and a model's buffers and textures only from its own folder.
 */
export async function readPreview(download: Download): Promise<FilePreview> {
  const path = await savedFile(download, 'preview', [previewablePath(download)]);
  const mime = previewMimeFor(path);
  if (!mime) throw new FerryError('conflict', `Ferry has no preview for ${basename(path)}. Open it in its own app.`);
  const reader = new ResourceReader(path, MAX_PREVIEW_BYTES);
  if (mime === 'model/gltf+json') return { mime: 'model/gltf-binary', bytes: await gltfToGlb(reader) };
  const bytes = await reader.readModel(mime === 'model/obj' ? MAX_OBJ_PREVIEW_BYTES : MAX_PREVIEW_BYTES);
  if (!signatures[mime](bytes)) {
    throw new FerryError(
      'conflict',
      `${basename(path)} is not a valid ${kindNames[mime]}, so Ferry cannot preview it. Open it in its own app to check it.`,
    );
  }
  if (mime === 'model/obj') return { mime, bytes, resources: await objResources(bytes, reader) };
  return { mime, bytes };
}

function previewablePath(download: Download): string {
  const name = download.name ?? download.ref;
  if (download.status !== 'done' || !download.path) {
    throw new FerryError('not_found', `${name} has not finished yet, so there is nothing to preview.`);
  }
  if (download.unpackedTo) {
    throw new FerryError(
      'conflict',
      `${name} was unpacked, so there is no single file to preview. Show it in its folder.`,
    );
  }
  return download.path;
}

function startsWith(head: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => head[index] === byte);
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
