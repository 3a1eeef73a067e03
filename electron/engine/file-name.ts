import { extension as mimeExtension } from 'mime-types';
import { filenameFromContentDisposition } from './content-disposition';

/** 255 is the file-system limit; the `.part` suffix needs the other five. */
const MAX_NAME_BYTES = 250;
const FALLBACK_NAME = 'download';

/** Windows refuses these as file names, with or without an extension. */
const reservedWindowsName = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;
/**
 * Format characters (category Cf: bidi overrides and isolates, zero-width
 * spaces and joiners, byte-order marks) do not show, yet change how a name
 * reads: `photo\u202Egnp.exe` shows as "photoexe.png".
 */
const formatCharacters = /\p{Cf}/gu;
const forbiddenCharacters = /[<>:"|?*]/g;
const compoundExtensions = /\.tar\.(gz|bz2|xz|zst)$/i;

/**
 * Makes a name from outside text safe on Windows, macOS and Linux: no
 * folders, no control or format characters, none of <>:"|?*, no reserved
 * device names, no leading dot, no trailing dots or spaces, at most 250 UTF-8
 * bytes (255 with `.part`) with the extension kept. Returns '' when nothing
 * usable is left.
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = lastSegment.replace(controlCharacters, '').replace(formatCharacters, '').replace(forbiddenCharacters, '_');
  name = name.trim().replace(/[. ]+$/, '');
  if (name === '' || /^\.+$/.test(name)) return '';
  // `_` rather than dropping the dot: the name stays recognisable (`.bashrc` -> `_.bashrc`) and
  // cannot become another file's name, yet no longer lands hidden or as a shell's or tool's own settings.
  if (name.startsWith('.') || reservedWindowsName.test(name)) name = `_${name}`;
  return truncateKeepingExtension(name, MAX_NAME_BYTES);
}

export function splitExtension(name: string): { base: string; extension: string } {
  const compound = compoundExtensions.exec(name);
  const dot = compound ? compound.index : name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > 16) return { base: name, extension: '' };
  return { base: name.slice(0, dot), extension: name.slice(dot) };
}

function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const { base, extension } = splitExtension(name);
  const kept = truncateToBytes(base, maxBytes - Buffer.byteLength(extension)).replace(/[. ]+$/, '');
  return (kept || FALLBACK_NAME) + extension;
}

/** Cuts whole code points only, so a name never ends in half a character. */
function truncateToBytes(text: string, maxBytes: number): string {
  let budget = maxBytes;
  let kept = '';
  for (const codePoint of text) {
    budget -= Buffer.byteLength(codePoint);
    if (budget < 0) break;
    kept += codePoint;
  }
  return kept;
}

/** `model.glb` -> `model (2).glb`, still within the length limit. */
export function numberedName(name: string, n: number): string {
  const { base, extension } = splitExtension(name);
  const suffix = ` (${n})${extension}`;
  return truncateToBytes(base, MAX_NAME_BYTES - Buffer.byteLength(suffix)) + suffix;
}

/**
 * Where Ferry's choice differs from mime-types' first extension for a type: it
 * picks `.bin` for application/octet-stream, which says nothing about the file,
 * and `.mpga`, `.oga` and `.qt` where people and their apps expect `.mp3`,
 * `.ogg` and `.mov`.
 */
const preferredExtensions = new Map([
  ['application/octet-stream', ''],
  ['audio/mpeg', '.mp3'],
  ['audio/ogg', '.ogg'],
  ['video/quicktime', '.mov'],
]);

/** The extension a Content-Type suggests, '' when it suggests none. */
function extensionFor(contentType: string | undefined): string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const preferred = preferredExtensions.get(type);
  if (preferred !== undefined) return preferred;
  const known = mimeExtension(type);
  return known ? `.${known}` : '';
}

interface NameSources {
  contentDisposition?: string;
  suggestedName?: string;
  url: string;
  contentType?: string;
}

/** Content-Disposition, then the provider's name, then the URL, then "download"; an extension from the type if none. */
export function chooseFileName(sources: NameSources): string {
  const candidates = [
    filenameFromContentDisposition(sources.contentDisposition),
    sources.suggestedName,
    nameFromUrl(sources.url),
  ];
  const name = candidates.map((candidate) => sanitizeFileName(candidate ?? '')).find(Boolean) ?? FALLBACK_NAME;
  if (splitExtension(name).extension) return name;
  return sanitizeFileName(name + extensionFor(sources.contentType)) || name;
}

function nameFromUrl(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    if (!segment) return undefined;
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  } catch {
    return undefined;
  }
}
