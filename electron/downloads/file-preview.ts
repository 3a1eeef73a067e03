import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Download } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import { type FilePreview, MAX_PREVIEW_BYTES, type PreviewMime, previewMimeFor } from '../../shared/file-preview';
import { formatBytes } from '../../shared/format';
import { describeFsError } from '../fs/describe-fs-error';

/** The first bytes each kind starts with: a file whose bytes are not what its name says is not handed to a decoder. */
const signatures: Record<PreviewMime, (head: Uint8Array) => boolean> = {
  'image/png': (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (head) => startsWith(head, [0xff, 0xd8, 0xff]),
  'image/gif': (head) => startsWith(head, [0x47, 0x49, 0x46, 0x38]),
  'image/webp': (head) => startsWith(head, [0x52, 0x49, 0x46, 0x46]) && ascii(head.subarray(8, 12)) === 'WEBP',
  'model/gltf-binary': (head) => ascii(head.subarray(0, 4)) === 'glTF',
};

const kindNames: Record<PreviewMime, string> = {
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'model/gltf-binary': 'GLB model',
};

/**
 * The bytes of a finished download's file for the window to preview. Only the
 * path the library recorded is read: the window names a download, never a path.
 */
export async function readPreview(download: Download): Promise<FilePreview> {
  const path = previewablePath(download);
  const mime = previewMimeFor(path);
  if (!mime) throw new FerryError('conflict', `Ferry has no preview for ${basename(path)}. Open it in its own app.`);
  const bytes = await readCapped(path);
  if (!signatures[mime](bytes)) {
    throw new FerryError(
      'conflict',
      `${basename(path)} is not a valid ${kindNames[mime]}, so Ferry cannot preview it. Open it in its own app to check it.`,
    );
  }
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

async function readCapped(path: string): Promise<Uint8Array<ArrayBuffer>> {
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const { size } = await file.stat();
    if (size > MAX_PREVIEW_BYTES) {
      throw new FerryError(
        'conflict',
        `${basename(path)} is ${formatBytes(size)}, more than the ${formatBytes(MAX_PREVIEW_BYTES)} Ferry previews. Open it in its own app.`,
      );
    }
    const buffer = await file.readFile();
    // A plain Uint8Array of its own, not a Buffer that may view a shared pool: structured clone would send the whole pool.
    return new Uint8Array(buffer);
  } catch (error) {
    throw error instanceof FerryError ? error : unreadable(path, error);
  } finally {
    await file.close();
  }
}

function unreadable(path: string, error: unknown): FerryError {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new FerryError(
      'not_found',
      `${path} is no longer there. It was moved or deleted outside Ferry; download it again if you need it.`,
    );
  }
  return new FerryError(
    'storage',
    `Ferry could not read ${path} (${describeFsError(error)}). Check the file and try again.`,
  );
}

function startsWith(head: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => head[index] === byte);
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
