import { redactText } from '../shared/redact';
import type { Logger } from './logger';

/** A logger that passes every line through the redaction step before it is written. */
export function redactingLogger(target: Logger = console): Logger {
  const clean = (parts: unknown[]) =>
    parts.map((part) => redactText(part instanceof Error ? `${part.name}: ${part.message}` : String(part)));
  return {
    warn: (...parts: unknown[]) => target.warn(...clean(parts)),
    error: (...parts: unknown[]) => target.error(...clean(parts)),
  };
}
