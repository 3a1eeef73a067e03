import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Engine } from '../electron/engine/engine';

/**
 * The Ferry side of the benchmark: downloads the given URLs with the engine,
 * N files at a time. Built to plain JavaScript
 * first, so the timing covers a node start and the downloads, like curl's.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      connections: { type: 'string', default: '4' },
      parallel: { type: 'string', default: '1' },
      list: { type: 'string' },
    },
  });
  if (!values.dir) throw new Error('--dir is required');
  const urls = values.list ? (await readFile(values.list, 'utf8')).split('\n').filter(Boolean) : positionals;
  const engine = new Engine({ connectionsPerFile: Number(values.connections) });
  const queue = [...urls];
  const failures: string[] = [];
  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      const outcome = await engine.transfer({ spec: { url }, directory: values.dir as string }).run();
      if (outcome.status !== 'done')
        failures.push(`${url}: ${outcome.status === 'failed' ? outcome.error.message : outcome.status}`);
    }
  };
  await Promise.all(Array.from({ length: Number(values.parallel) }, worker));
  await engine.close();
  if (failures.length > 0) process.stderr.write(`${failures.join('\n')}\n`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
