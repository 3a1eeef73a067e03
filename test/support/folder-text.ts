import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file below a folder (a profile: library, settings, logs), as one text, to search for what must not be there. */
export async function folderText(folder: string): Promise<string> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const contents = await Promise.all(files.map((file) => readFile(file).catch(() => Buffer.alloc(0))));
  return Buffer.concat(contents).toString('latin1');
}
