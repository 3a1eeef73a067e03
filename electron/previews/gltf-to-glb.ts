import { FerryError } from '../../shared/errors';
import { decodeDataUri } from './data-uri';
import { glbFrom } from './glb-writer';
import type { ResourceReader } from './resource-reader';

interface GltfBuffer {
  uri?: string;
  byteLength: number;
}
interface GltfBufferView {
  buffer: number;
  byteOffset?: number;
  byteLength: number;
  extensions?: { EXT_meshopt_compression?: { buffer: number; byteOffset?: number } };
}
interface GltfImage {
  uri?: string;
  mimeType?: string;
  bufferView?: number;
}
interface Gltf {
  asset?: unknown;
  buffers?: GltfBuffer[];
  bufferViews?: GltfBufferView[];
  images?: GltfImage[];
}

const imageMimes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/**
 * A .gltf and the buffers and textures it names, packed into one GLB. The
 * window cannot read files, and the page's policy lets three.js fetch blob:
 * URLs only (not data: ones), so one self-contained GLB is what it can show.
 */
export async function gltfToGlb(reader: ResourceReader): Promise<Uint8Array<ArrayBuffer>> {
  const gltf = parseGltf(reader.modelName, await reader.readModel());
  const bin = new BinaryChunk();
  const starts: number[] = [];
  for (const [index, buffer] of (gltf.buffers ?? []).entries()) {
    const bytes = await resource(reader, buffer.uri, `buffer ${label(buffer.uri, index)}`);
    if (bytes.length < buffer.byteLength) throw shortBuffer(reader.modelName, label(buffer.uri, index));
    starts.push(bin.append(bytes.subarray(0, buffer.byteLength)));
  }
  gltf.bufferViews ??= [];
  const views = gltf.bufferViews;
  for (const view of views) rebase(view, starts);
  for (const [index, image] of (gltf.images ?? []).entries()) {
    if (image.uri === undefined) continue;
    const bytes = await resource(reader, image.uri, `texture ${label(image.uri, index)}`);
    image.bufferView = views.push({ buffer: 0, byteOffset: bin.append(bytes), byteLength: bytes.length }) - 1;
    image.mimeType ??= mimeOfImage(image.uri);
    delete image.uri;
  }
  gltf.buffers = bin.length > 0 ? [{ byteLength: bin.length }] : undefined;
  return glbFrom(gltf, bin.bytes());
}

function parseGltf(name: string, bytes: Uint8Array): Gltf {
  try {
    const gltf = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Gltf;
    if (typeof gltf === 'object' && gltf !== null && typeof gltf.asset === 'object') return gltf;
  } catch {
    // Reported below with the same words as JSON that is not glTF.
  }
  throw new FerryError(
    'conflict',
    `${name} is not a valid glTF model, so Ferry cannot preview it. Open it in its own app to check it.`,
  );
}

/** A buffer or texture's bytes, from a data: URI or a file beside the model; a missing one is named. */
async function resource(reader: ResourceReader, uri: string | undefined, what: string): Promise<Uint8Array> {
  const bytes =
    uri === undefined
      ? null
      : uri.startsWith('data:')
        ? decodeDataUri(uri)
        : await reader.readReference(decodedPath(uri));
  if (uri?.startsWith('data:') && bytes) reader.count(bytes.length);
  if (!bytes) {
    throw new FerryError(
      'not_found',
      `Ferry can't preview ${reader.modelName}: missing ${what}. Put it back beside ${reader.modelName}, or open the model in its own app.`,
    );
  }
  return bytes;
}

/** glTF URIs are percent-encoded ("my%20model.bin"); the files on disk, and the names people read, are not. */
function decodedPath(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    // A stray % is part of the name as written.
    return uri;
  }
}

/** How a message names a buffer or texture: its file name, or its number when it has none (or is inline). */
function label(uri: string | undefined, index: number): string {
  return uri === undefined || uri.startsWith('data:') ? `#${index}` : decodedPath(uri);
}

function rebase(view: GltfBufferView, starts: number[]): void {
  view.byteOffset = (view.byteOffset ?? 0) + (starts[view.buffer] ?? 0);
  view.buffer = 0;
  const meshopt = view.extensions?.EXT_meshopt_compression;
  if (meshopt) {
    meshopt.byteOffset = (meshopt.byteOffset ?? 0) + (starts[meshopt.buffer] ?? 0);
    meshopt.buffer = 0;
  }
}

function mimeOfImage(uri: string): string {
  const extension = uri.slice(uri.lastIndexOf('.') + 1).toLowerCase();
  return imageMimes[extension] ?? 'image/png';
}

function shortBuffer(name: string, buffer: string): FerryError {
  return new FerryError(
    'conflict',
    `Ferry can't preview ${name}: buffer ${buffer} is shorter than the model says. Download it again, or open the model in its own app.`,
  );
}

/** The GLB's one binary chunk, every piece starting on a 4-byte boundary as glTF requires. */
class BinaryChunk {
  private readonly pieces: Uint8Array[] = [];
  length = 0;

  append(bytes: Uint8Array): number {
    const start = Math.ceil(this.length / 4) * 4;
    if (start > this.length) this.pieces.push(new Uint8Array(start - this.length));
    this.pieces.push(bytes);
    this.length = start + bytes.length;
    return start;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const piece of this.pieces) {
      out.set(piece, offset);
      offset += piece.length;
    }
    return out;
  }
}
