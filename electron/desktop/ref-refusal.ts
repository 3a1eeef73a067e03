import { platforms } from '../../shared/platforms';

/** The longest ref or ferry:// link Ferry reads: far above any real one, small enough to refuse floods. */
export const MAX_LINK_CHARS = 64 * 1024;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const BARE_CID = /^(Qm[1-9A-HJ-NP-Za-km-z]{40,}|b[a-z2-7]{40,})$/;
/** Spaces, line breaks and control characters would split one ref into several in the Add dialog's text. */
const UNSAFE_CHARACTER = /[\s\p{Cc}\p{Cf}]/u;

/** The schemes of the platforms' own ref forms (echo3d:, scenario:, delos:, cid:, ipfs:), read from their descriptors. */
const platformSchemes: ReadonlySet<string> = new Set(
  Object.values(platforms)
    .flatMap((platform) => platform.refForms.map((ref) => SCHEME.exec(ref.form)?.[1]?.toLowerCase()))
    .filter((scheme): scheme is string => scheme !== undefined && !scheme.startsWith('http')),
);

/**
 * Why a ref that came from outside the window (a ferry:// link, a launch argument, a list file) is refused, or
 * null when it has a form Ferry downloads: an http(s) link or a platform's ref. Everything else (javascript:,
 * file:, data: and any other scheme) is refused here, before the Add dialog ever shows it.
 */
export function refRefusal(ref: string): string | null {
  if (ref.length > MAX_LINK_CHARS) {
    return `A ref of ${kib(ref.length)} was refused: Ferry takes refs up to ${kib(MAX_LINK_CHARS)}.`;
  }
  if (UNSAFE_CHARACTER.test(ref)) return `${quoted(ref)} was refused: a ref has no spaces or control characters.`;
  if (BARE_CID.test(ref)) return null;
  const scheme = SCHEME.exec(ref)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    return isWebLink(ref) ? null : `${quoted(ref)} was refused: it is not a valid ${scheme} link.`;
  }
  if (scheme && platformSchemes.has(scheme) && ref.length > scheme.length + 1) return null;
  const what = scheme ? `${scheme}: links` : 'it';
  return `${quoted(ref)} was refused: Ferry never opens ${what}; it takes http(s) links and ${[...platformSchemes].map((known) => `${known}:`).join(', ')} refs.`;
}

/** The text as it may appear in a message: short, on one line, quoted. */
export function quoted(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return JSON.stringify(short);
}

export function kib(chars: number): string {
  return `${Math.ceil(chars / 1024).toLocaleString('en-US')} KiB`;
}

function isWebLink(ref: string): boolean {
  try {
    const url = new URL(ref);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
