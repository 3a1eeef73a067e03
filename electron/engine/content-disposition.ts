/**
 * The file name in a Content-Disposition header (RFC 6266): `filename*`
 * (RFC 5987, percent-encoded with a charset) wins over `filename`. Returns
 * the name as sent, unsanitized, or undefined when there is none.
 */
export function filenameFromContentDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const params = parseParams(header);
  const extended = params.get('filename*');
  const decoded = extended === undefined ? undefined : decodeExtValue(extended);
  if (decoded) return decoded;
  const plain = params.get('filename');
  return plain ? repairMisreadUtf8(plain) : undefined;
}

/** Splits `type; a=b; c="d;e"` into lower-cased names and unquoted values; the first of each name wins. */
function parseParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of splitOutsideQuotes(header).slice(1)) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    const value = unquote(part.slice(equals + 1).trim());
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted && char === '\\' && i + 1 < text.length) {
      current += char + text[++i];
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"')) return value;
  const inner = value.endsWith('"') ? value.slice(1, -1) : value.slice(1);
  return inner.replace(/\\(.)/g, '$1');
}

/** `UTF-8'en'na%C3%AFve.txt` -> `naïve.txt`; unknown charsets and bad escapes give undefined. */
function decodeExtValue(value: string): string | undefined {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!match) return undefined;
  const charset = (match[1] ?? '').toLowerCase();
  const bytes = percentDecode(match[2] ?? '');
  if (!bytes) return undefined;
  if (charset === 'utf-8') return decodeUtf8(bytes);
  if (charset === 'iso-8859-1') return bytes.toString('latin1');
  return undefined;
}

function percentDecode(text: string): Buffer | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (text[i] === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (char < 0x80) {
      bytes.push(char);
    } else {
      return undefined;
    }
  }
  return Buffer.from(bytes);
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Many servers put raw UTF-8 in `filename`; HTTP clients read header bytes as
 * Latin-1, which turns "café" into "cafÃ©". Undo that when the bytes are valid UTF-8.
 */
function repairMisreadUtf8(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range spans all of Latin-1 on purpose.
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  return decodeUtf8(Buffer.from(value, 'latin1')) ?? value;
}
