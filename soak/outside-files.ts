import { readdir } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { platformSources } from './workload';

/** Every name a soak download is saved under starts so: `direct-12.bin`, `delos-7 (1).bin.part`. */
const soakName = new RegExp(`^(direct|${platformSources.join('|')})-\\d+\\b`);

/**
 * The shared places a download could land outside its destination: the system's temp
 * folder and the HOME the soak was started with, with its Downloads (Ferry's default
 * folder). Other processes write there too, so only names the soak's downloads carry count.
 */
export class SharedFolders {
  private constructor(private readonly before: Set<string>) {}

  static async snapshot(): Promise<SharedFolders> {
    return new SharedFolders(await listShared());
  }

  async problems(): Promise<string[]> {
    const after = await listShared();
    return [...after]
      .filter((path) => !this.before.has(path) && soakName.test(path.split('/').pop() ?? ''))
      .map((path) => `a download's file appeared outside its folder: ${path}`);
  }
}

async function listShared(): Promise<Set<string>> {
  const folders = [tmpdir(), homedir(), join(homedir(), 'Downloads')];
  const names = await Promise.all(
    folders.map(async (folder) => (await readdir(folder).catch(() => [])).map((name) => join(folder, name))),
  );
  return new Set(names.flat());
}

/** The CLI turns on Node's compile cache, which Node keeps in the temp folder: code, not a download. */
const runtimeCaches = /(^|\/)node-compile-cache(\/|$)/;

/** The HOME and TMPDIR the soak gives Ferry are its own: any file in them is one Ferry put outside its destination. */
export async function filesLeftIn(folder: string, root: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => !entry.isDirectory() && !runtimeCaches.test(relative(folder, entry.parentPath)))
    .map((entry) => `Ferry left a file outside its destination: ${relative(root, join(entry.parentPath, entry.name))}`);
}
