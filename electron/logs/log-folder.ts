import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../shared/errors';
import type { Desktop } from '../desktop';
import { describeFsError } from '../fs/describe-fs-error';

/** The app and the CLI may run at once on one profile: each keeps its own file, so neither rotates the other's. */
export const APP_LOG_FILE = 'app.log';
export const CLI_LOG_FILE = 'cli.log';

/** `<profile>/logs`, beside the settings and the library. */
export function logDirectory(profileDir: string): string {
  return join(profileDir, 'logs');
}

/** Shows the log folder in the system's file manager, so a person can attach the files to a message. */
export async function openLogFolder(directory: string, desktop: Desktop): Promise<void> {
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    throw new FerryError(
      'storage',
      `Ferry could not create its log folder ${directory} (${describeFsError(error)}). Check that the profile folder is writable.`,
    );
  }
  const problem = await desktop.openPath(directory);
  if (problem) {
    throw new FerryError(
      'not_found',
      `Ferry could not open its log folder: ${problem}. Open ${directory} in your file manager instead.`,
    );
  }
}
