import { inspect } from 'node:util';
import { isSensitiveName, REDACTED, redactText, redactUrl } from '../../shared/redact';

/** Deep enough for a request's options, short enough that one line stays readable. */
const MAX_DEPTH = 5;
const inspectOptions = { depth: MAX_DEPTH, breakLength: Number.POSITIVE_INFINITY, compact: true, colors: false };

/**
 * One log line from console-style parts with every credential cut out: messages,
 * errors with their stacks and causes, objects. It is the only form in which a
 * line reaches a log file or the terminal.
 */
export function redactLogParts(parts: readonly unknown[]): string {
  return parts.map((part) => (typeof part === 'string' ? redactText(part) : show(part))).join(' ');
}

function show(value: unknown): string {
  return inspect(masked(value, new WeakSet(), 0), inspectOptions);
}

/**
 * A copy that `inspect` can print safely. Strings are redacted before `inspect`
 * quotes them (quoted, a `key=…` pair no longer looks like one); fields named like
 * credentials (`key`, `token`, `authorization`…) are hidden, in objects, errors,
 * maps and the like.
 */
function masked(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  // `seen` holds the objects above this one only: the same object twice side by side is no cycle.
  seen.add(value);
  const copy = maskedObject(value, seen, depth);
  seen.delete(value);
  return copy;
}

function maskedObject(value: object, seen: WeakSet<object>, depth: number): unknown {
  if (Array.isArray(value)) return value.map((item) => masked(item, seen, depth + 1));
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return maskedFields(Object.entries(value), seen, depth);
  return printed(describeInstance(value, seen, depth));
}

/**
 * Class instances print their own way, which may show what their fields hide
 * (a URL's `searchParams`, a Map's entries): each kind is taken apart and masked.
 */
function describeInstance(value: object, seen: WeakSet<object>, depth: number): string {
  if (value instanceof Error) return describeError(value, seen, depth);
  if (value instanceof URL) return `URL ${redactUrl(value.href)}`;
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value))
    return inspect(value, inspectOptions);
  const name = value.constructor?.name ?? 'Object';
  if (value instanceof Set) return `${name} ${inspect(masked([...value], seen, depth), inspectOptions)}`;
  if (hasEntries(value)) {
    const entries = [...value.entries()].map(([key, field]): [string, unknown] => [String(key), field]);
    return `${name} ${inspect(maskedFields(entries, seen, depth), inspectOptions)}`;
  }
  return `${name} ${inspect(maskedFields(Object.entries(value), seen, depth), inspectOptions)}`;
}

/** Maps, URLSearchParams, Headers and FormData: key-value pairs behind an `entries()` method. */
function hasEntries(value: object): value is { entries(): Iterable<[unknown, unknown]> } {
  return typeof (value as { entries?: unknown }).entries === 'function';
}

function maskedFields(fields: [string, unknown][], seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, field] of fields) {
    copy[name] = isSensitiveName(name) ? REDACTED : masked(field, seen, depth + 1);
  }
  return copy;
}

/** The stack (which starts with the message), the error's own fields such as `code`, then its cause. */
function describeError(error: Error, seen: WeakSet<object>, depth: number): string {
  let text = redactText(error.stack ?? `${error.name}: ${error.message}`);
  // An error's code (ENOENT, http_4xx) is no credential, though an OAuth `code` would be.
  const { code, cause, ...rest } = error as Error & { code?: unknown };
  const fields = {
    ...(code === undefined ? {} : { code: masked(code, seen, depth + 1) }),
    ...maskedFields(Object.entries(rest), seen, depth),
  };
  if (Object.keys(fields).length > 0) text += ` ${inspect(fields, inspectOptions)}`;
  if (cause !== undefined) text += `\nCaused by: ${inspect(masked(cause, seen, depth + 1), inspectOptions)}`;
  return text;
}

/** Text that `inspect` prints as it is, unquoted, wherever it sits in an object. */
function printed(text: string): object {
  return { [inspect.custom]: () => text };
}
