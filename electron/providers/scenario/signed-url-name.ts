/** The file name a signed link's path ends in, when it looks like one (has an extension); null otherwise. */
export function nameFromSignedUrl(url: string): string | null {
  let segment: string | undefined;
  try {
    segment = new URL(url).pathname.split('/').filter(Boolean).pop();
  } catch {
    return null;
  }
  if (!segment) return null;
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // A stray % in a path is still a name.
  }
  return /\.[A-Za-z0-9]{1,10}$/.test(name) ? name : null;
}
