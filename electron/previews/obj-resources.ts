import type { PreviewResource } from '../../shared/file-preview';
import type { ResourceReader } from './resource-reader';

/** The .mtl statements that name a texture file (three.js's MTLLoader reads these). */
const TEXTURE_STATEMENTS = new Set(['map_kd', 'map_ks', 'map_ke', 'map_bump', 'bump', 'map_d', 'disp', 'norm']);
/** Options beside a texture's name, with how many values each takes: the ones MTLLoader takes out before the name. */
const TEXTURE_OPTIONS: [string, number][] = [
  ['-bm', 1],
  ['-mm', 2],
  ['-s', 3],
  ['-o', 3],
];

/**
 * The files an OBJ needs beside it for its preview: the material libraries it
 * names and the textures they name, each under the name written in the file,
 * which is the name the window's loader asks for. Missing ones are left out:
 * an OBJ shows without its materials, a material without its texture.
 */
export async function objResources(obj: Uint8Array, reader: ResourceReader): Promise<PreviewResource[]> {
  const resources: PreviewResource[] = [];
  for (const library of materialLibraries(new TextDecoder().decode(obj))) {
    const bytes = await reader.readReference(library);
    if (!bytes) continue;
    resources.push({ name: library, bytes });
    for (const texture of textureNames(new TextDecoder().decode(bytes))) {
      if (resources.some((resource) => resource.name === texture)) continue;
      const image = await reader.readReference(texture);
      if (image) resources.push({ name: texture, bytes: image });
    }
  }
  return resources;
}

/**
 * `mtllib a.mtl b.mtl` names two files, `mtllib my model.mtl` one: both
 * readings are tried, and whichever files exist are sent.
 */
export function materialLibraries(text: string): string[] {
  const names = new Set<string>();
  for (const line of statements(text, 'mtllib')) {
    names.add(line);
    for (const name of line.split(/\s+/)) if (name) names.add(name);
  }
  return [...names];
}

/** The texture names of an .mtl, read the way MTLLoader reads them, so each is the name it will ask for. */
export function textureNames(mtl: string): string[] {
  const names = new Set<string>();
  for (const line of mtl.split('\n')) {
    const trimmed = line.trim();
    const space = trimmed.indexOf(' ');
    if (space < 0 || !TEXTURE_STATEMENTS.has(trimmed.slice(0, space).toLowerCase())) continue;
    const name = withoutOptions(
      trimmed
        .slice(space + 1)
        .trim()
        .split(/\s+/),
    )
      .join(' ')
      .trim();
    if (name) names.add(name);
  }
  return [...names];
}

function withoutOptions(words: string[]): string[] {
  const rest = [...words];
  for (const [option, values] of TEXTURE_OPTIONS) {
    const at = rest.indexOf(option);
    if (at >= 0) rest.splice(at, values + 1);
  }
  return rest;
}

function* statements(text: string, keyword: string): Generator<string> {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith(`${keyword} `) || trimmed.startsWith(`${keyword}\t`))
      yield trimmed.slice(keyword.length).trim();
  }
}
