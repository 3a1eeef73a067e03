import type { Logger } from '../../electron/logs/logger';

export interface CapturedLogger extends Logger {
  lines: string[];
}

/** Keeps what services log, at every level, so tests can assert on it and test output stays clean. */
export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const record = (...parts: unknown[]) => {
    lines.push(parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' '));
  };
  return { lines, debug: record, info: record, warn: record, error: record };
}
