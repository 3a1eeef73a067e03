import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export const builtApp = {
  main: resolve(root, 'out/main/index.cjs'),
  preload: resolve(root, 'out/preload/index.cjs'),
  rendererDir: resolve(root, 'out/renderer'),
  rendererIndex: resolve(root, 'out/renderer/index.html'),
};

const sourceFolders = ['electron', 'shared', 'renderer'].map((folder) => resolve(root, folder));

/** Tests of the built bundles say plainly what to do when the build is missing or older than the code. */
export function requireBuiltApp(): typeof builtApp {
  const newestSource = Math.max(...sourceFolders.map(newestModification));
  for (const file of [builtApp.main, builtApp.preload, builtApp.rendererIndex]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" before these tests.`);
    if (statSync(file).mtimeMs < newestSource) {
      throw new Error(`${file} is older than the sources: run "npm run build" before these tests.`);
    }
  }
  return builtApp;
}

function newestModification(folder: string): number {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((entry) => statSync(join(folder, entry)).mtimeMs)
    .reduce((newest, time) => Math.max(newest, time), 0);
}
