import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A secret and the names it would show up under if something wrote it out encoded. */
export interface Secret {
  name: string;
  value: string;
}

function encodings(value: string): string[] {
  const bytes = Buffer.from(value);
  return [
    value,
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    encodeURIComponent(value),
    encodeURIComponent(encodeURIComponent(value)),
    bytes.toString('hex'),
    JSON.stringify(value).slice(1, -1),
  ];
}

/** "name (encoding)" for every secret found in `text`, raw or in one of the usual encodings. */
export function secretsIn(text: string, secrets: readonly Secret[]): string[] {
  return secrets.flatMap(({ name, value }) =>
    encodings(value)
      .filter((encoded) => text.includes(encoded))
      .map((encoded) => `${name} (${encoded === value ? 'as is' : encoded})`),
  );
}

/** Every file below `folder`, by path, as raw bytes read as latin1 (so a database page or a WAL frame reads as is). */
export async function filesBelow(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, (await readFile(path).catch(() => Buffer.alloc(0))).toString('latin1'));
  }
  return files;
}

/** "file: secret (encoding)" for every secret in every file. */
export function secretsInFiles(files: Map<string, string>, secrets: readonly Secret[]): string[] {
  return [...files].flatMap(([path, text]) => secretsIn(text, secrets).map((found) => `${path}: ${found}`));
}
