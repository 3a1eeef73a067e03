import { LoadingManager, type Object3D } from 'three';
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js';
import { MTLLoader } from 'three/examples/jsm/loaders/MTLLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import type { PreviewResource } from '../../../shared/file-preview';

/** Material slots an .mtl can fill with a texture. */
const TEXTURE_SLOTS = ['map', 'specularMap', 'emissiveMap', 'bumpMap', 'normalMap', 'displacementMap', 'alphaMap'];

/**
 * An OBJ (with its .mtl and textures, when the main process found them) as a
 * GLB for the model viewer. Converted here rather than in the main process:
 * three.js's loaders and exporter are already in the viewer's chunk (this
 * module is loaded with it, on first use), and exporting textures needs a
 * canvas, which the main process has not. The main process caps the OBJ's
 * size, because this runs on the window's thread.
 */
export async function objToGlb(obj: Uint8Array, resources: PreviewResource[]): Promise<Blob> {
  const textures = resources.filter((resource) => !isMaterialLibrary(resource.name));
  const urls = new Map(textures.map((texture) => [texture.name, blobUrl(texture.bytes)]));
  // A texture that was not found loads as an empty blob and fails quietly; it is dropped below.
  const missing = blobUrl(new Uint8Array());
  try {
    const manager = new LoadingManager();
    let requested = 0;
    const settled = new Promise<void>((resolve) => {
      manager.onLoad = resolve;
    });
    manager.setURLModifier((url) => {
      requested += 1;
      return urls.get(url) ?? missing;
    });
    const model = readModel(obj, resources, manager);
    if (requested > 0) await settled;
    dropBrokenTextures(model);
    if (!hasFaces(model)) {
      throw new Error('Ferry found no faces to show in this OBJ model. Open it in your 3D app to check it.');
    }
    return new Blob([await exported(model)], { type: 'model/gltf-binary' });
  } finally {
    for (const url of [...urls.values(), missing]) URL.revokeObjectURL(url);
  }
}

function readModel(obj: Uint8Array, resources: PreviewResource[], manager: LoadingManager): Object3D {
  try {
    return parse(obj, resources, manager);
  } catch (error) {
    throw new Error(`Ferry could not read this OBJ model (${reason(error)}). Open it in your 3D app to check it.`);
  }
}

async function exported(model: Object3D): Promise<ArrayBuffer> {
  try {
    return await new GLTFExporter().parseAsync(model, { binary: true });
  } catch (error) {
    throw new Error(
      `Ferry could not prepare this OBJ model for the viewer (${reason(error)}). Open it in your 3D app.`,
    );
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parse(obj: Uint8Array, resources: PreviewResource[], manager: LoadingManager): Object3D {
  const loader = new OBJLoader(manager);
  // An OBJ rarely names more than one library; the first found is the one its materials come from.
  const library = resources.find((resource) => isMaterialLibrary(resource.name));
  if (library) {
    const materials = new MTLLoader(manager).parse(text(library.bytes), '');
    materials.preload();
    loader.setMaterials(materials);
  }
  return loader.parse(text(obj));
}

function dropBrokenTextures(model: Object3D): void {
  model.traverse((object) => {
    const materials = object.material === undefined ? [] : [object.material].flat();
    for (const material of materials) {
      for (const slot of TEXTURE_SLOTS) {
        const image = material[slot]?.image as HTMLImageElement | undefined;
        if (material[slot] && !(image && image.naturalWidth > 0)) material[slot] = null;
      }
    }
  });
}

function hasFaces(model: Object3D): boolean {
  let faces = false;
  model.traverse((object) => {
    if (object.isMesh && (object.geometry?.getAttribute('position')?.count ?? 0) >= 3) faces = true;
  });
  return faces;
}

function isMaterialLibrary(name: string): boolean {
  return name.toLowerCase().endsWith('.mtl');
}

function blobUrl(bytes: Uint8Array): string {
  return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
