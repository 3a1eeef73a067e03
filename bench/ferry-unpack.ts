import { link } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { unpackArchive } from '../electron/archives/unpack';

/**
 * The Ferry side of the unpack benchmark: links the archive into the output
 * folder (unpacking happens beside the archive) and unpacks it, flushing
 * every file as the app does.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' } } });
  const [archive] = positionals;
  if (!values.dir || !archive) throw new Error('usage: ferry-unpack --dir OUT ARCHIVE');
  const beside = join(values.dir, basename(archive));
  await link(archive, beside);
  const result = await unpackArchive(beside, { stagingName: '.ferry-unpack-bench' });
  if (!result) throw new Error(`${archive} is not an archive`);
  process.stdout.write(`${result.files} files\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
