/** The bytes a `data:` URI holds (base64 or percent-encoded), or null when it is not one. */
export function decodeDataUri(uri: string): Uint8Array | null {
  const comma = uri.indexOf(',');
  if (!uri.startsWith('data:') || comma < 0) return null;
  const header = uri.slice(5, comma);
  const body = uri.slice(comma + 1);
  if (header.endsWith(';base64')) return new Uint8Array(Buffer.from(body, 'base64'));
  try {
    return new TextEncoder().encode(decodeURIComponent(body));
  } catch {
    return null;
  }
}
