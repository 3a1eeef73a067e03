import { openLogFile, type Rotation } from './log-file';
import { isAtLeast, type Logger, type LogLevel } from './logger';
import { redactLogParts } from './redact-log-parts';

/** A logger whose lines go, redacted, to a rotating file in the profile and, from some level on, to the terminal. */
export interface FerryLogger extends Logger {
  /** The same file, without the terminal: for what the terminal was already told in other words. */
  readonly fileOnly: Logger;
  /** Writes out what is buffered and closes the file; later lines reach the terminal only. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** The log folder, `<profile>/logs` (see `logDirectory`). */
  directory: string;
  /** One name per kind of process, so the app and the CLI never rotate each other's file. */
  fileName: string;
  /** The least serious level written to the file; `info` unless asked. */
  fileLevel?: LogLevel;
  /** The least serious level also written to the terminal; `warn` unless asked. */
  terminalLevel?: LogLevel;
  /** Where terminal lines go; stderr unless a test hands in another. */
  terminal?: (line: string) => void;
  rotation?: Rotation;
}

export function createLogger(options: LoggerOptions): FerryLogger {
  const terminal = options.terminal ?? ((line: string) => process.stderr.write(`${line}\n`));
  const terminalLevel = options.terminalLevel ?? 'warn';
  const file = openLogFile({
    directory: options.directory,
    fileName: options.fileName,
    level: options.fileLevel ?? 'info',
    rotation: options.rotation,
    onFailure: terminal,
  });
  // Redaction happens here, once, before either destination sees the line: pino only ever gets clean text.
  const write = (level: LogLevel, parts: unknown[], toTerminal: boolean) => {
    const inFile = file.accepts(level);
    const onTerminal = toTerminal && isAtLeast(level, terminalLevel);
    if (!inFile && !onTerminal) return;
    const line = redactLogParts(parts);
    if (inFile) file.write(level, line);
    if (onTerminal) terminal(line);
  };
  const levels = (toTerminal: boolean): Logger => ({
    debug: (...parts: unknown[]) => write('debug', parts, toTerminal),
    info: (...parts: unknown[]) => write('info', parts, toTerminal),
    warn: (...parts: unknown[]) => write('warn', parts, toTerminal),
    error: (...parts: unknown[]) => write('error', parts, toTerminal),
  });
  return {
    ...levels(true),
    fileOnly: levels(false),
    close: () => file.close(),
  };
}
