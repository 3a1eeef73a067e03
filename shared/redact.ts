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
    // A secret may sit in the path too (a token in /auth/refresh/<token>).
    parsed = new URL(cutRemembered(url));
  } catch {
    return redactPairs(cutRemembered(url));
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

/** Shorter values would cut ordinary words out of messages. */
const MIN_SECRET_LENGTH = 6;
/** Every form of every secret this process has learnt: servers echo keys raw, percent-encoded or in base64. */
const secretForms = new Set<string>();
let secretPattern: RegExp | null = null;

/**
 * Remembers a secret value (a key, password or token) for the rest of the process,
 * so that `redactText` cuts it from any text, whatever name it travels under.
 */
export function rememberSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  const base64 = toBase64(value);
  // Unpadded and URL-safe base64 are common too; the padded form is kept as well, so no stray `=` is left behind.
  const unpadded = base64.replace(/=+$/, '');
  const forms = [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    base64,
    unpadded,
    unpadded.replaceAll('+', '-').replaceAll('/', '_'),
  ];
  for (const form of forms) {
    if (secretForms.has(form)) continue;
    secretForms.add(form);
    secretPattern = null;
  }
}

/** One pattern for all the forms, longest first, rebuilt only when a secret is new: it runs on every log line. */
function rememberedSecrets(): RegExp | null {
  if (secretForms.size === 0) return null;
  if (!secretPattern) {
    const longestFirst = [...secretForms].sort((a, b) => b.length - a.length);
    secretPattern = new RegExp(longestFirst.map(formPattern).join('|'), 'g');
  }
  return secretPattern;
}

/** The form escaped, its percent escapes in either case: servers echo `%2F` as `%2f` too. */
function formPattern(form: string): string {
  const eitherCase = (digit: string) => (/[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit);
  return form
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%([0-9A-F])([0-9A-F])/g, (_, high: string, low: string) => `%${eitherCase(high)}${eitherCase(low)}`);
}

function cutRemembered(text: string): string {
  const remembered = rememberedSecrets();
  return remembered ? text.replace(remembered, REDACTED) : text;
}

function toBase64(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Any message: every remembered secret in any of its forms, URLs inside it,
 * name=value pairs, bearer tokens, and the given secret values themselves.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let safe = cutRemembered(text).replace(/\bhttps?:\/\/[^\s"'<>]+/g, (url) => redactUrl(url));
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
