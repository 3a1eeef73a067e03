import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PER_CONNECTION_LIMIT } from './bench-server';
import { timed } from './peers';
import { type Case, command, ferryGet, type Tool } from './tools';

const MiB = 1024 * 1024;

export interface TransferContext {
  /** Base URL of the data folder at full speed, ending in a slash. */
  fast: string;
  /** The same at 20 MB/s per connection. */
  limited: string;
  work: string;
  /** Small files: `small/<i>.bin` (100 KB) and `tiny/<i>.bin` (10 KB). */
  smallCount: number;
  tinyCount: number;
}

const ariaQuiet = [
  '--allow-overwrite=true',
  '--auto-file-renaming=false',
  '--console-log-level=error',
  '--summary-interval=0',
  '--download-result=hide',
  '-q',
];

/**
 * The product path, timed as people run it: `ferry get` against curl and
 * aria2c fetching the same files from the same server. Ferry flushes every
 * file before it reports it done, so curl's peers end with `sync` too.
 */
export async function productCases(bench: TransferContext): Promise<Case[]> {
  return [
    {
      title: '1 GiB, one connection',
      target: 'at most 1.0× curl+sync and 1.3× curl; RSS at most 150 MiB',
      verify: (out) => expectSize(join(out, 'big.bin'), 1024 * MiB),
      tools: [
        ferryGet(() => ['--connections', '1', `${bench.fast}big.bin`]),
        command('curl', 'curl', (out) => ['-sS', '--fail', '-o', join(out, 'big.bin'), `${bench.fast}big.bin`]),
        command('curl+sync', 'sh', (out) => [
          '-c',
          `curl -sS --fail -o "${join(out, 'big.bin')}" "${bench.fast}big.bin" && sync "${join(out, 'big.bin')}"`,
        ]),
      ],
    },
    {
      title: `256 MiB, ${PER_CONNECTION_LIMIT / 1e6} MB/s per connection, 8 connections`,
      target: 'at most 1.0× aria2c -x8 -s8',
      verify: (out) => expectSize(join(out, 'mid.bin'), 256 * MiB),
      tools: [
        ferryGet(() => ['--connections', '8', `${bench.limited}mid.bin`]),
        command('aria2c', 'aria2c', (out) => ['-x8', '-s8', ...ariaQuiet, '-d', out, `${bench.limited}mid.bin`]),
      ],
    },
    await manySmall(
      bench,
      'small',
      bench.smallCount,
      '100 KB',
      'at most 1.0× aria2c -j16 and 1.5× curl --parallel+sync; CPU at most 0.5 s',
    ),
    {
      ...(await manySmall(
        bench,
        'tiny',
        bench.tinyCount,
        '10 KB',
        'at most 1.0× aria2c -j16; time per file within 1.2× of the 500-file row',
      )),
      runs: 3,
    },
  ];
}

/** N files at 16 at a time: Ferry, aria2c, and curl --parallel followed by sync. */
async function manySmall(
  bench: TransferContext,
  folder: string,
  count: number,
  size: string,
  target: string,
): Promise<Case> {
  const urls = Array.from({ length: count }, (_, i) => `${bench.fast}${folder}/${i}.bin`);
  const list = join(bench.work, `${folder}-urls.txt`);
  await writeFile(list, `${urls.join('\n')}\n`);
  const curlConfig = join(bench.work, `${folder}-curl.cfg`);
  const curlParallel: Tool = {
    name: 'curl --parallel+sync',
    async run(out) {
      await writeFile(curlConfig, urls.map((url, i) => `url = "${url}"\noutput = "${out}/${i}.bin"`).join('\n'));
      return timed('sh', ['-c', `curl -sS --fail --parallel --parallel-max 16 -K "${curlConfig}" && sync -f "${out}"`]);
    },
  };
  return {
    title: `${count.toLocaleString('en')} files of ${size}, 16 at a time`,
    target,
    verify: (out) => expectFiles(out, count),
    tools: [
      ferryGet(() => ['--parallel', '16', '--connections', '1', '--input', list]),
      command('aria2c', 'aria2c', (out) => ['-j16', ...ariaQuiet, '-d', out, '-i', list]),
      curlParallel,
    ],
  };
}

export async function expectSize(path: string, size: number): Promise<void> {
  const actual = (await stat(path)).size;
  if (actual !== size) throw new Error(`${path} has ${actual} bytes, expected ${size}`);
}

export async function expectFiles(folder: string, count: number): Promise<void> {
  const names = (await readdir(folder)).filter((name) => !name.endsWith('.part') && !name.endsWith('.aria2'));
  if (names.length !== count) throw new Error(`${folder} has ${names.length} files, expected ${count}`);
}
