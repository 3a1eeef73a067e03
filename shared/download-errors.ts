import { z } from 'zod';

/**
 * Why a download failed, as a code programs can act on. The engine's codes
 * come first (electron/engine/engine-error.ts must stay a subset of them);
 * the rest come from the steps around a transfer.
 */
const downloadErrorCodes = [
  'network',
  'timeout',
  /** The server sent too little for too long, several times in a row. */
  'too_slow',
  'http_4xx',
  'http_5xx',
  'redirect',
  'bad_response',
  /** The server's TLS certificate is not one this computer trusts: never retried. */
  'untrusted_certificate',
  'disk_full',
  'disk',
  'verification',
  'canceled',
  /** The ref is not something any provider can fetch. */
  'bad_ref',
  /** The account is missing, or the keychain would not give its secrets. */
  'account',
  /** The platform's API refused or failed before the file's transfer began. */
  'provider',
  /** The file arrived but its post-processing (unpacking) failed; the file is kept. */
  'unpack',
  /** Ferry could not write the outcome to its library. */
  'storage',
] as const;

export type DownloadErrorCode = (typeof downloadErrorCodes)[number];

export const downloadErrorSchema = z.object({ code: z.enum(downloadErrorCodes), message: z.string() });
export type DownloadError = z.infer<typeof downloadErrorSchema>;

/** The headline a person reads above the detailed message, one per code. */
export const downloadErrorTitles: Record<DownloadErrorCode, string> = {
  network: 'Network problem',
  timeout: 'The server stopped answering',
  too_slow: 'The server was too slow',
  http_4xx: 'The server refused the download',
  http_5xx: 'Server error',
  redirect: 'A redirect Ferry would not follow',
  bad_response: 'Unexpected answer from the server',
  untrusted_certificate: 'The server’s certificate is not trusted',
  disk_full: 'The disk is full',
  disk: 'Could not write the file',
  verification: 'The file did not check out',
  canceled: 'Stopped',
  bad_ref: 'Not something Ferry can download',
  account: 'Account problem',
  provider: 'The platform refused',
  unpack: 'Unpacking failed',
  storage: 'Library problem',
};

/** Fixed messages for the codes Ferry raises itself, rather than a transfer or a provider. */
export const downloadErrorMessages = {
  storage: 'Ferry could not save the result of this download in its library. Retry it; a finished file is kept.',
  unpack: (reason: string) =>
    `Downloaded, but not unpacked: ${reason} The file is kept: Retry unpacks it again; to download it anew, cancel it, then retry.`,
} as const;

/**
 * Libraries written by earlier versions hold codes that are gone now (the IPC
 * codes of a missing account, a platform's name): read them as today's.
 */
export function toDownloadErrorCode(stored: string): DownloadErrorCode {
  if ((downloadErrorCodes as readonly string[]).includes(stored)) return stored as DownloadErrorCode;
  if (stored === 'not_found' || stored === 'keychain') return 'account';
  return stored === 'invalid_ref' ? 'bad_ref' : 'provider';
}
