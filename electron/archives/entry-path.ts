import { sanitizeFileName } from '../engine/file-name';
import { UnpackError } from './archive-entry';

/** `C:\`, `C:/` or a bare `C:`; `a:b.txt` is a name with a colon, made safe like any other. */
const driveRoot = /^[a-z]:(\/|$)/i;

/**
 * The folders and name an entry unpacks to, each safe on every platform
 * (colons and the like become `_`, format characters go, a leading dot gets a
 * `_`). An absolute path, a drive or a `..` would write outside the unpack
 * folder ("zip slip"): such an archive is refused whole rather than partly
 * unpacked.
 */
export function safeEntrySegments(path: string): string[] {
  const normalized = path.replace(/\\/g, '/');
  if (normalized.startsWith('/') || driveRoot.test(normalized)) throw unsafe(path);
  const segments = normalized.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw unsafe(path);
  return segments.map((segment) => sanitizeFileName(segment) || '_');
}

export function unsafe(path: string): UnpackError {
  return new UnpackError(
    `The archive tries to write outside its folder ("${path.slice(0, 200)}"), so Ferry did not unpack it. The downloaded archive is kept; only open it if you trust where it came from.`,
  );
}
