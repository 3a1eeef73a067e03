/**
 * The few parts of three.js the OBJ preview uses. three comes with
 * @google/model-viewer, without type declarations; these describe only what
 * obj-to-glb.ts calls.
 */
declare module 'three' {
  export class LoadingManager {
    onLoad: () => void;
    setURLModifier(modifier: (url: string) => string): this;
  }

  export interface Texture {
    image: unknown;
  }

  export type Material = Record<string, Texture | null | undefined>;

  export interface Object3D {
    isMesh?: boolean;
    geometry?: { getAttribute(name: string): { count: number } | undefined };
    material?: Material | Material[];
    traverse(visit: (object: Object3D) => void): void;
  }
}

declare module 'three/examples/jsm/loaders/MTLLoader.js' {
  import type { LoadingManager } from 'three';

  export interface MaterialCreator {
    preload(): void;
  }

  export class MTLLoader {
    constructor(manager?: LoadingManager);
    parse(text: string, path: string): MaterialCreator;
  }
}

declare module 'three/examples/jsm/loaders/OBJLoader.js' {
  import type { LoadingManager, Object3D } from 'three';
  import type { MaterialCreator } from 'three/examples/jsm/loaders/MTLLoader.js';

  export class OBJLoader {
    constructor(manager?: LoadingManager);
    setMaterials(materials: MaterialCreator): this;
    parse(text: string): Object3D;
  }
}

declare module 'three/examples/jsm/exporters/GLTFExporter.js' {
  import type { Object3D } from 'three';

  export class GLTFExporter {
    parseAsync(input: Object3D, options: { binary: true }): Promise<ArrayBuffer>;
  }
}
