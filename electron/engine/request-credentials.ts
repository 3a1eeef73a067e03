import { isSensitiveName } from '../../shared/redact';
import type { HttpTarget } from './http-target';

/**
 * `isSensitiveName` knows exact names (Authorization, key, X-Amz-Signature);
 * custom headers and signed links build theirs from these words (X-Auth-Token,
 * Key-Pair-Id). On another site a dropped header costs nothing, a kept one
 * hands it a secret, so any name with such a word counts.
 */
const credentialWords = /auth|token|secret|key|passw|signature|credential|session|cookie/i;

export function looksLikeCredential(name: string): boolean {
  return isSensitiveName(name) || credentialWords.test(name);
}

/** A link that says who may fetch it: a user name or password in it, or a credential among its query parameters. */
export function isSignedUrl(url: URL): boolean {
  return Boolean(url.username || url.password) || [...url.searchParams.keys()].some(looksLikeCredential);
}

/** A request that proves who sends it: a body (echo3D posts its keys as a form), a credential header or a signed URL. */
export function isCredentialed(target: HttpTarget): boolean {
  return (
    Boolean(target.body) || Object.keys(target.headers).some(looksLikeCredential) || isSignedUrl(new URL(target.url))
  );
}

export function withoutCredentialHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !looksLikeCredential(name)));
}
