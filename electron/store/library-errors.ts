import { FerryError } from '../../shared/errors';

export interface SqliteError extends Error {
  code: 'ERR_SQLITE_ERROR';
  errcode: number;
}

export function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Error && (error as Partial<SqliteError>).code === 'ERR_SQLITE_ERROR';
}

/** SQLite's result code in words, with what to do; an extended code carries its primary one in the low byte. */
function explain(error: SqliteError): { reason: string; advice: string } | null {
  switch (error.errcode & 0xff) {
    case 5:
    case 6:
      return { reason: 'another process kept it busy', advice: 'Wait for the other Ferry to finish, then try again.' };
    case 8:
      return { reason: 'it is read-only', advice: `Make it writable, or ${CHOOSE_ANOTHER}.` };
    case 10:
      return { reason: 'the disk failed to read or write it', advice: `Check the disk, or ${CHOOSE_ANOTHER}.` };
    case 11:
    case 26:
      return {
        reason: 'the file is damaged or is not a Ferry library',
        advice: 'Move it away to start with an empty library, or restore a backup.',
      };
    case 13:
      return { reason: 'the disk is full', advice: 'Free some space, then try again.' };
    case 14:
      return { reason: 'the file could not be opened', advice: `Check the folder, or ${CHOOSE_ANOTHER}.` };
    default:
      return null;
  }
}

const CHOOSE_ANOTHER = 'choose another profile with --profile or FERRY_HOME';

/** What went wrong with the library, in words, for messages that say what to do themselves. */
export function describeError(error: unknown): string {
  if (isSqliteError(error)) return explain(error)?.reason ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/** A failed library read or write in words a person can act on, naming the file. */
export function libraryFailed(error: SqliteError, file: string): FerryError {
  const explained = explain(error) ?? { reason: error.message, advice: `Try again, or ${CHOOSE_ANOTHER}.` };
  return new FerryError(
    'storage',
    `Ferry could not use its library ${file}: ${explained.reason}. ${explained.advice}`,
    {
      cause: error,
    },
  );
}
