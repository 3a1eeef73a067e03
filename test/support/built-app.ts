import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export const builtApp = {
  main: resolve(root, 'out/main/index.cjs'),
  preload: resolve(root, 'out/preload/index.cjs'),
  rendererDir: resolve(root, 'out/renderer'),
  rendererIndex: resolve(root, 'out/renderer/index.html'),
};

/** Tests of the built bundles say plainly what to do when the build is missing. */
export function requireBuiltApp(): typeof builtApp {
  for (const file of [builtApp.main, builtApp.preload, builtApp.rendererIndex]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" before these tests.`);
  }
  return builtApp;
}
