import { triangleModel } from './tiny-glb';

/** The triangle of `triangleModel` as a .gltf and the .bin it names. */
export function tinyGltf(binName = 'triangle.bin'): { gltf: string; bin: Uint8Array } {
  const { json, positions } = triangleModel(encodeURI(binName));
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
