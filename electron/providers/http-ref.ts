import type { DownloadSpec } from '../engine/download-spec';

/** A direct http(s) link: the spec is the link itself. Other providers' refs arrive with their issue. */
export function specFromRef(ref: string): DownloadSpec | null {
  let url: URL;
  try {
    url = new URL(ref.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return { url: url.href };
}

export function refProblem(ref: string): string | null {
  return specFromRef(ref)
    ? null
    : `"${ref.slice(0, 200)}" is not something Ferry can download yet: give an http:// or https:// link.`;
}
