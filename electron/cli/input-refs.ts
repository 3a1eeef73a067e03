import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { describeFsError } from '../fs/describe-fs-error';
import { UsageError } from './usage';

/**
 * `--input FILE`: refs one per line, as aria2c and wget take a list of links;
 * `-` reads standard input. Blank lines and lines starting with `#` are skipped.
 */
export async function readInputRefs(file: string): Promise<string[]> {
  const content =
    file === '-'
      ? await text(process.stdin)
      : await readFile(file, 'utf8').catch((error: unknown) => {
          throw new UsageError(`--input: Ferry could not read ${file} (${describeFsError(error)}).`);
        });
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
