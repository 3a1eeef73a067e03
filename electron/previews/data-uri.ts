/** The bytes a `data:` URI holds (base64 or percent-encoded), or null when it is not one. */
export function decodeDataUri(uri: string): Uint8Array | null {
  const comma = uri.indexOf(',');
  if (!uri.startsWith('data:') || comma < 0) return null;
  const header = uri.slice(5, comma);
  const body = uri.slice(comma + 1);
  if (header.endsWith(';base64')) return new Uint8Array(Buffer.from(body, 'base64'));
  // Each %XX is one byte, not part of UTF-8 text: a binary buffer may hold any byte.
  const bytes = body.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return new Uint8Array(Buffer.from(bytes, 'latin1'));
}
