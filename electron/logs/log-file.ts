import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { createStream } from 'rotating-file-stream';
import { describeFsError } from '../fs/describe-fs-error';
import type { LogLevel } from './logger';

export interface Rotation {
  /** A file this large is renamed `<name>.1` (and older ones shifted up) and a new one begun. */
  maxFileBytes: number;
  /** How many files are kept, the current one included. */
  maxFiles: number;
}

/** Enough for days of a busy app, small enough to attach to a message. */
const defaultRotation: Rotation = { maxFileBytes: 5 * 1024 * 1024, maxFiles: 5 };

/** The file side of a logger; once the file cannot be written it accepts nothing, and the terminal is left. */
export interface LogFile {
  accepts(level: LogLevel): boolean;
  /** Takes a line that has already been redacted. */
  write(level: LogLevel, line: string): void;
  close(): Promise<void>;
}

interface LogFileOptions {
  directory: string;
  fileName: string;
  level: LogLevel;
  rotation?: Rotation;
  /** Told once, in words for people, when the file cannot be written. */
  onFailure(message: string): void;
}

/**
 * One JSON line per entry through pino, written in this process (no transport
 * threads: the bundled main process and CLI cannot load pino's worker files),
 * into a file rotated by size.
 */
export function openLogFile(options: LogFileOptions): LogFile {
  const { directory, rotation = defaultRotation } = options;
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    options.onFailure(cannotWrite(directory, error));
    return terminalOnly;
  }
  const stream = createStream(join(directory, options.fileName), {
    size: `${rotation.maxFileBytes}B`,
    rotate: Math.max(1, rotation.maxFiles - 1),
  });
  const logger = pino(
    {
      level: options.level,
      // The host name says nothing about a download and is one more personal detail in a file people send.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  let open = true;
  stream.on('error', (error) => {
    if (!open) return;
    open = false;
    options.onFailure(cannotWrite(directory, error));
  });
  return {
    accepts: (level) => open && logger.isLevelEnabled(level),
    write: (level, line) => {
      if (open) logger[level](line);
    },
    close: () => {
      if (!open) return Promise.resolve();
      open = false;
      return new Promise((resolve) => stream.end(() => resolve()));
    },
  };
}

const terminalOnly: LogFile = {
  accepts: () => false,
  write: () => undefined,
  close: () => Promise.resolve(),
};

function cannotWrite(directory: string, error: unknown): string {
  return (
    `Ferry cannot write its log in ${directory} (${describeFsError(error)}). ` +
    'It keeps working and shows warnings and errors here only; make that folder writable to keep logs.'
  );
}
