import type { Readable } from 'node:stream';

/** One member of a ZIP or TAR archive, in the terms both formats share. */
export interface ArchiveEntry {
  /** The path as the archive spells it, with `/` between folders; not yet checked for safety. */
  path: string;
  kind: 'file' | 'directory' | 'link' | 'other';
  size: number;
  /** Unix permission bits, when the archive keeps them. */
  mode: number | null;
  modified: Date | null;
}

/**
 * Called once per entry, in archive order; a file's body must be read to its
 * end before the promise settles. A small file may come whole, as a Buffer.
 */
export type EntryVisitor = (entry: ArchiveEntry, body: Readable | Buffer | null) => Promise<void>;

/** An archive Ferry could not unpack; the message says why and what the person can do. */
export class UnpackError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnpackError';
  }
}

/** Errors that already say what happened: Ferry's own, the disk's, and a stop; anything else is the archive's fault. */
export function explainsItself(error: unknown): boolean {
  if (error instanceof UnpackError || (error as Error | undefined)?.name === 'AbortError') return true;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
