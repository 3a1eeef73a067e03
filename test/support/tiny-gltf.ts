/**
 * A one-triangle glTF 2.0 model as a .gltf and the .bin it names: orange,
 * double-sided and self-lit like tinyGlb, so a viewer shows colour whatever its lighting.
 */
export function tinyGltf(binName = 'triangle.bin'): { gltf: string; bin: Uint8Array } {
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
    buffers: [{ uri: encodeURI(binName), byteLength: positions.byteLength }],
    bufferViews: [{ buffer: 0, byteOffset: 0, byteLength: positions.byteLength, target: 34962 }],
    accessors: [{ bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [-1, -1, 0], max: [1, 1, 0] }],
  };
  return { gltf: JSON.stringify(json), bin: new Uint8Array(positions.buffer) };
}

/** Reads a GLB's JSON chunk and binary chunk back, to check what a packer wrote. */
export function readGlb(glb: Uint8Array): { json: Record<string, unknown>; bin: Uint8Array } {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  if (view.getUint32(0, true) !== 0x46546c67) throw new Error('not a GLB');
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as Record<string, unknown>;
  const binStart = 20 + jsonLength;
  const bin =
    binStart < glb.length
      ? glb.subarray(binStart + 8, binStart + 8 + view.getUint32(binStart, true))
      : new Uint8Array();
  return { json, bin };
}
