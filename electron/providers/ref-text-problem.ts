import { redactUrl } from '../../shared/redact';

const CONTROL_CHARACTER = /\p{Cc}/u;
const CONTROL_CHARACTERS = /\p{Cc}/gu;
const controlNames: Record<string, string> = {
  '\n': 'a line break',
  '\r': 'a carriage return',
  '\t': 'a tab',
  '\0': 'a NUL character',
};

/**
 * What no platform's ref may hold, checked before any provider reads it. A line break or tab inside one ref is
 * two refs glued together, or a copy gone wrong, and URL parsing would drop it without a word and fetch something
 * else. A user name and password in a link would be dropped too: Ferry does not send passwords inside links.
 */
export function refTextProblem(ref: string): string | null {
  const text = ref.trim();
  const control = CONTROL_CHARACTER.exec(text)?.[0];
  if (control !== undefined) {
    const name = controlNames[control] ?? `the control character U+${hex(control)}`;
    return `"${visible(text.slice(0, 200))}" holds ${name} inside it: give each ref whole, on one line, with no control characters.`;
  }
  return credentialsProblem(text);
}

function credentialsProblem(text: string): string | null {
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!url.username && !url.password) return null;
  return `"${redactUrl(text).slice(0, 200)}" carries a user name or password (user:pass@): Ferry does not send passwords inside links. Direct links take no account in Ferry, so ask the site for a signed or shared link that works without signing in, and add that.`;
}

/** The ref as a message can show it: each control character written as an escape, so the message stays one line. */
function visible(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => `\\u${hex(character)}`);
}

function hex(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
