const GLB_MAGIC = 0x46546c67; // "glTF"
const JSON_CHUNK = 0x4e4f534a; // "JSON"
const BIN_CHUNK = 0x004e4942; // "BIN\0"

/** A glTF 2.0 binary: the header, the JSON chunk padded with spaces, and the binary chunk (when there is one) with zeros. */
export function glbFrom(json: object, bin: Uint8Array): Uint8Array<ArrayBuffer> {
  const jsonChunk = padded(new TextEncoder().encode(JSON.stringify(json)), 0x20);
  const binChunk = padded(bin, 0);
  const total = 12 + 8 + jsonChunk.length + (binChunk.length > 0 ? 8 + binChunk.length : 0);
  const glb = new Uint8Array(total);
  const view = new DataView(glb.buffer);
  view.setUint32(0, GLB_MAGIC, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonChunk.length, true);
  view.setUint32(16, JSON_CHUNK, true);
  glb.set(jsonChunk, 20);
  if (binChunk.length > 0) {
    const binStart = 20 + jsonChunk.length;
    view.setUint32(binStart, binChunk.length, true);
    view.setUint32(binStart + 4, BIN_CHUNK, true);
    glb.set(binChunk, binStart + 8);
  }
  return glb;
}

function padded(bytes: Uint8Array, fill: number): Uint8Array {
  const length = Math.ceil(bytes.length / 4) * 4;
  if (length === bytes.length) return bytes;
  const out = new Uint8Array(length).fill(fill);
  out.set(bytes);
  return out;
}
