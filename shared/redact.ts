/**
 * The one redaction step for anything that leaves the engine: logs, the
 * library, IPC events, CLI output. echo3D puts keys in query strings and
 * form bodies, signed CDN links carry signatures, so credentials are cut
 * from every URL, header and message before they are written anywhere.
 */
const sensitiveNames =
  /^(key|userkey|seckey|apikey|api_key|apisecret|secret|token|access_token|refresh_token|password|passwd|pass|auth|authorization|signature|sig|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|api-key|x-api-key|credential|code)$/i;

export const REDACTED = '[redacted]';

/** `https://api.echo3d.com/query?key=abc&file=1` -> `https://api.echo3d.com/query?key=[redacted]&file=1`. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactPairs(url);
  }
  if (parsed.username) parsed.username = REDACTED;
  if (parsed.password) parsed.password = REDACTED;
  for (const name of [...parsed.searchParams.keys()]) {
    if (sensitiveNames.test(name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.href.replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

/** Form bodies and loose `name=value` text: `key=abc&email=x` -> `key=[redacted]&email=x`. */
export function redactPairs(text: string): string {
  return text.replace(/([?&;\s]|^)([\w.-]+)=([^&;\s]*)/g, (match, lead: string, name: string) =>
    sensitiveNames.test(name) ? `${lead}${name}=${REDACTED}` : match,
  );
}

/** A header, query parameter or object field whose value is a credential. */
export function isSensitiveName(name: string): boolean {
  return /^(authorization|cookie|proxy-authorization|x-api-key)$/i.test(name) || sensitiveNames.test(name);
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    safe[name] = isSensitiveName(name) ? REDACTED : value;
  }
  return safe;
}

/** Any message: URLs inside it, name=value pairs, bearer tokens, and the given secret values themselves. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let safe = text.replace(/\bhttps?:\/\/[^\s"'<>]+/g, (url) => redactUrl(url));
  safe = redactPairs(safe).replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`);
  for (const secret of secrets) if (secret.length >= 4) safe = safe.replaceAll(secret, REDACTED);
  return safe;
}

/** A download as it may be shown: its link without credentials (the library keeps the real one to fetch it). */
export function forDisplay<T extends { ref: string; error: { code: string; message: string } | null }>(download: T): T {
  return {
    ...download,
    ref: redactUrl(download.ref),
    error: download.error && { ...download.error, message: redactText(download.error.message) },
  };
}
