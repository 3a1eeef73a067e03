/**
 * One orange, double-sided, self-lit triangle as glTF 2.0 JSON and its vertex
 * positions, so a viewer shows colour whatever its lighting. The buffer is
 * the GLB's own binary chunk, or the file `bufferUri` names.
 */
export function triangleModel(bufferUri?: string): { json: Record<string, unknown>; positions: Float32Array } {
  const positions = new Float32Array([-1, -1, 0, 1, -1, 0, 0, 1, 0]);
  const json = {
    asset: { version: '2.0', generator: 'ferry tests' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 }, material: 0 }] }],
    materials: [
      {
        pbrMetallicRoughness: { baseColorFactor: [1, 0.45, 0.1, 1], metallicFactor: 0 },
        emissiveFactor: [1, 0.45, 0.1],
        doubleSided: true,
      },
    ],
    buffers: [{ ...(bufferUri === undefined ? {} : { uri: bufferUri }), byteLength: positions.byteLength }],
    bufferViews: [{ buffer: 0, byteOffset: 0, byteLength: positions.byteLength, target: 34962 }],
    accessors: [{ bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [-1, -1, 0], max: [1, 1, 0] }],
  };
  return { json, positions };
}

/** The smallest useful GLB (glTF 2.0 binary): the triangle of `triangleModel`. */
export function tinyGlb(): Uint8Array {
  const { json, positions } = triangleModel();
  const jsonChunk = padded(new TextEncoder().encode(JSON.stringify(json)), 0x20);
  const binChunk = padded(new Uint8Array(positions.buffer), 0);
  const total = 12 + 8 + jsonChunk.length + 8 + binChunk.length;
  const glb = new Uint8Array(total);
  const view = new DataView(glb.buffer);
  view.setUint32(0, 0x46546c67, true); // "glTF"
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonChunk.length, true);
  view.setUint32(16, 0x4e4f534a, true); // "JSON"
  glb.set(jsonChunk, 20);
  const binStart = 20 + jsonChunk.length;
  view.setUint32(binStart, binChunk.length, true);
  view.setUint32(binStart + 4, 0x004e4942, true); // "BIN\0"
  glb.set(binChunk, binStart + 8);
  return glb;
}

/** Chunks are 4-byte aligned: JSON padded with spaces, binary with zeros. */
function padded(bytes: Uint8Array, fill: number): Uint8Array {
  const length = Math.ceil(bytes.length / 4) * 4;
  const out = new Uint8Array(length).fill(fill);
  out.set(bytes);
  return out;
}
