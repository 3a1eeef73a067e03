import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { FerryError } from '../../shared/errors';

export interface SqliteError extends Error {
  code: 'ERR_SQLITE_ERROR';
  errcode: number;
}

interface Explained {
  reason: string;
  advice: string;
}

const CHOOSE_ANOTHER = 'choose another profile with --profile or FERRY_HOME';
const DISK_FULL: Explained = { reason: 'the disk is full', advice: 'Free some space, then try again.' };

export function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Error && (error as Partial<SqliteError>).code === 'ERR_SQLITE_ERROR';
}

/**
 * What went wrong with the library `file`, with what to do. SQLite often
 * reports a full disk as a failed write (an I/O error), so the disk's free
 * space decides between the two. An extended result code carries its
 * primary one in the low byte.
 */
function explain(error: unknown, file: string): Explained | null {
  if (!isSqliteError(error)) return null;
  switch (error.errcode & 0xff) {
    case 5:
    case 6:
      return { reason: 'another process kept it busy', advice: 'Wait for the other Ferry to finish, then try again.' };
    case 8:
      return { reason: 'it is read-only', advice: `Make it writable, or ${CHOOSE_ANOTHER}.` };
    case 10:
    case 14:
      if (diskIsFull(file)) return DISK_FULL;
      return { reason: 'the disk failed to read or write it', advice: `Check the disk, or ${CHOOSE_ANOTHER}.` };
    case 11:
    case 26:
      return {
        reason: 'the file is damaged or is not a Ferry library',
        advice: 'Move it away to start with an empty library, or restore a backup.',
      };
    case 13:
      return DISK_FULL;
    default:
      return null;
  }
}

function diskIsFull(file: string): boolean {
  try {
    return statfsSync(dirname(file)).bavail === 0;
  } catch {
    return false;
  }
}

/**
 * A commit that failed: its changes are gone, the library before them is whole. What a person sees next, and
 * what to do about the cause.
 */
export function lostChangesMessage(error: unknown, file: string): string {
  const { reason, advice } = explain(error, file) ?? {
    reason: error instanceof Error ? error.message : String(error),
    advice: 'If it happens again, check the disk.',
  };
  return `Ferry could not save its latest changes to the library ${file}: ${reason}. The rest of the library is whole, but a download may show an older state until it runs again (a finished file is recognised then). ${advice}`;
}

/** What went wrong with the library, in words, for messages that say what to do themselves. */
export function describeError(error: unknown, file: string): string {
  return explain(error, file)?.reason ?? (error instanceof Error ? error.message : String(error));
}

/** A failed library read or write in words a person can act on, naming the file. */
export function libraryFailed(error: SqliteError, file: string): FerryError {
  const { reason, advice } = explain(error, file) ?? {
    reason: error.message,
    advice: `Try again, or ${CHOOSE_ANOTHER}.`,
  };
  return new FerryError('storage', `Ferry could not use its library ${file}: ${reason}. ${advice}`, { cause: error });
}

/** The library could not be opened; it was left as it was, which matters most when it is damaged. */
export function openFailed(error: unknown, file: string): FerryError {
  const { reason, advice } = explain(error, file) ?? {
    reason: error instanceof Error ? error.message : String(error),
    advice: 'Move it away to start with an empty library, or restore a backup.',
  };
  return new FerryError(
    'storage',
    `Ferry could not open its library ${file}: ${reason}. It was not changed. ${advice}`,
    {
      cause: error,
    },
  );
}
