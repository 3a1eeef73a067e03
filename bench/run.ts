import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, freemem, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { PER_CONNECTION_LIMIT, startBenchServer } from './bench-server';
import { type CrashResult, measureCrashResume } from './crash-resume';
import { ensurePeers, median, timed } from './peers';
import { type BenchContext, cidGatewayCase, type PlatformCase, scenarioBatchCase } from './platform-cases';

/**
 * `npm run bench`: Ferry's engine against curl and aria2c on loopback, and its
 * unpacking against unzip and tar, in one run, medians of several runs,
 * written to docs/benchmarks.md. A benchmark,
 * not a test: it asserts nothing and its numbers depend on the machine.
 */

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.FERRY_BENCH_RUNS ?? 5);
const MiB = 1024 * 1024;

interface Tool {
  name: string;
  run(out: string): Promise<{ ms: number; rssKiB?: number }>;
}

interface Case {
  title: string;
  target: string;
  verify(out: string): Promise<void>;
  tools: Tool[];
}

interface Row {
  title: string;
  target: string;
  /** Median milliseconds per tool, the measured subject (Ferry) first. */
  medians: Map<string, number>;
  /** Peak resident memory per tool that reports it. */
  peakRssKiB: Map<string, number>;
}

async function main(): Promise<void> {
  await ensurePeers(['curl', 'aria2c', 'tar', 'zip', 'unzip'], ['nginx']);
  const work = await mkdtemp(join(tmpdir(), 'ferry-bench-'));
  try {
    const data = join(work, 'data');
    await makeData(data);
    const scripts = await bundleScripts(work);
    const server = await startBenchServer(data, work);
    try {
      // First, while this process is small: a child's peak RSS counts the parent it was forked from.
      const library = await measureLibrary(scripts);
      const crash = await measureCrashResume();
      const cases = [...(await defineCases(server, scripts, work)), ...unpackCases(scripts, data)];
      const rows: Row[] = [];
      for (const benchCase of cases) rows.push(await measure(benchCase, work));
      rows.push(...(await measurePlatforms(work, { data, fast: server.fast })));
      const report = renderReport(rows, server.kind) + renderLibrary(library, crash);
      process.stdout.write(`\n${report}\n`);
      await writeFile(join(root, 'docs/benchmarks.md'), report);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The platforms' own paths, each against its fake server on loopback, stopped once measured. */
async function measurePlatforms(work: string, bench: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  for (const start of [scenarioBatchCase, cidGatewayCase]) {
    const platformCase: PlatformCase = await start(bench);
    try {
      rows.push(await measure(platformCase, work));
    } finally {
      await platformCase.stop();
    }
  }
  return rows;
}

async function makeData(data: string): Promise<void> {
  await mkdir(join(data, 'small'), { recursive: true });
  await randomFile(join(data, 'big.bin'), 1024 * MiB);
  await randomFile(join(data, 'mid.bin'), 256 * MiB);
  for (let i = 0; i < 500; i++) await randomFile(join(data, 'small', `${i}.bin`), 100_000);
  await makeArchives(data);
}

/** An asset pack of 2,000 small textures as a ZIP, and one large model folder as a gzip TAR. */
async function makeArchives(data: string): Promise<void> {
  const pack = join(data, 'pack');
  await mkdir(join(pack, 'textures'), { recursive: true });
  for (let i = 0; i < 2000; i++) await randomFile(join(pack, 'textures', `${i}.png`), 4_000 + ((i * 7919) % 60_000));
  await timed('sh', ['-c', `cd "${pack}" && zip -qr "${join(data, 'pack.zip')}" textures`]);
  await timed('tar', ['-czf', join(data, 'model.tar.gz'), '-C', data, 'mid.bin']);
}

async function randomFile(path: string, size: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (let written = 0; written < size; written += 16 * MiB) {
      await file.write(randomBytes(Math.min(16 * MiB, size - written)));
    }
  } finally {
    await file.close();
  }
}

interface Scripts {
  ferry: string;
  unpack: string;
  undiciRead: string;
  library: string;
}

interface LibraryResult {
  count: number;
  addMs: number;
  listMs: number;
  maxRssKiB: number;
}

/** The library with 10,000 queued downloads, in a process of its own so its memory is its own. */
async function measureLibrary(scripts: Scripts): Promise<LibraryResult> {
  process.stdout.write('library with 10,000 downloads\n');
  return JSON.parse((await timed(process.execPath, [scripts.library, '10000'])).stdout);
}

function renderLibrary(library: LibraryResult, crash: CrashResult): string {
  return [
    '',
    '## Library and crash safety',
    '',
    '| measure | result | target |',
    '| --- | --- | --- |',
    `| add ${library.count.toLocaleString('en')} queued downloads | ${library.addMs.toFixed(0)} ms | under 2 s |`,
    `| list them (median of 5) | ${library.listMs.toFixed(1)} ms | under 100 ms |`,
    `| peak RSS of that process | ${(library.maxRssKiB / 1024).toFixed(0)} MiB | under 200 MiB |`,
    `| bytes fetched twice after SIGKILL of \`ferry run\` halfway through ${(crash.size / MiB).toFixed(0)} MiB at 1 MB/s | ${(crash.refetched / 1024).toFixed(0)} KiB${crash.identical ? '' : ' (FILE DIFFERS)'} | at most one checkpoint interval (about 1000 KiB) |`,
    '',
  ].join('\n');
}

/** Plain JavaScript, so the timings include a node start but no TypeScript compile. */
async function bundleScripts(work: string): Promise<Scripts> {
  const bundle = async (name: string) => {
    const outfile = join(work, `${name}.cjs`);
    await build({
      entryPoints: [join(root, `bench/${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      logLevel: 'warning',
    });
    return outfile;
  };
  return {
    ferry: await bundle('ferry-fetch'),
    unpack: await bundle('ferry-unpack'),
    undiciRead: await bundle('undici-read'),
    library: await bundle('library-child'),
  };
}

/** A node script that prints its own peak memory as JSON on its last line. */
function nodeScript(name: string, script: string, args: (out: string) => string[]): Tool {
  return {
    name,
    async run(out) {
      const result = await timed(process.execPath, [script, ...args(out)]);
      return { ms: result.ms, rssKiB: JSON.parse(result.stdout).maxRssKiB };
    },
  };
}

function ferry(scripts: Scripts, args: string[]): Tool {
  return nodeScript('Ferry', scripts.ferry, (out) => ['--dir', out, ...args]);
}

function peer(name: string, command: string, args: (out: string) => string[]): Tool {
  return { name, run: async (out) => ({ ms: (await timed(command, args(out))).ms }) };
}

const ariaQuiet = [
  '--allow-overwrite=true',
  '--auto-file-renaming=false',
  '--console-log-level=error',
  '--summary-interval=0',
  '--download-result=hide',
  '-q',
];

/** Unpacking as a person would rely on it: every peer ends with `sync`, as Ferry flushes every file. */
function unpackCases(scripts: Scripts, data: string): Case[] {
  const durable = (command: string) => (out: string) => ['-c', `${command.replaceAll('OUT', `"${out}"`)} && sync`];
  return [
    {
      title: 'unpack a ZIP of 2,000 files of 4 to 64 KB',
      target: 'reference: Info-ZIP unzip + sync',
      verify: (out) => expectFiles(join(out, 'textures'), 2000),
      tools: [
        nodeScript('Ferry', scripts.unpack, (out) => ['--dir', out, join(data, 'pack.zip')]),
        peer('unzip+sync', 'sh', durable(`unzip -q "${join(data, 'pack.zip')}" -d OUT`)),
      ],
    },
    {
      title: 'unpack a 256 MiB gzip TAR',
      target: 'reference: GNU tar + sync',
      verify: (out) => expectSize(join(out, 'mid.bin'), 256 * MiB),
      tools: [
        nodeScript('Ferry', scripts.unpack, (out) => ['--dir', out, join(data, 'model.tar.gz')]),
        peer('tar+sync', 'sh', durable(`tar -xzf "${join(data, 'model.tar.gz')}" -C OUT`)),
      ],
    },
  ];
}

async function defineCases(server: { fast: string; limited: string }, scripts: Scripts, work: string): Promise<Case[]> {
  const smallUrls = Array.from({ length: 500 }, (_, i) => `${server.fast}small/${i}.bin`);
  const listFile = join(work, 'small-urls.txt');
  const curlConfig = join(work, 'small-curl.cfg');
  await writeFile(listFile, `${smallUrls.join('\n')}\n`);
  const curlEntries = (out: string) =>
    smallUrls.map((url, i) => `url = "${url}"\noutput = "${out}/${i}.bin"`).join('\n');
  return [
    {
      title: '1 GiB, one connection',
      target: 'within 10% of curl',
      verify: (out) => expectSize(join(out, 'big.bin'), 1024 * MiB),
      tools: [
        ferry(scripts, ['--connections', '1', `${server.fast}big.bin`]),
        peer('curl', 'curl', (out) => ['-sS', '--fail', '-o', join(out, 'big.bin'), `${server.fast}big.bin`]),
        // The same durability Ferry gives: the file is on disk, not only in the page cache, when it ends.
        peer('curl+fsync', 'sh', (out) => [
          '-c',
          `curl -sS --fail -o "${join(out, 'big.bin')}" "${server.fast}big.bin" && sync "${join(out, 'big.bin')}"`,
        ]),
      ],
    },
    {
      title: '1 GiB, one connection, read and discarded',
      target: 'reference: the Node + undici floor',
      verify: async () => undefined,
      tools: [
        nodeScript('undici read-only', scripts.undiciRead, () => [`${server.fast}big.bin`]),
        peer('curl to /dev/null', 'curl', () => ['-sS', '--fail', '-o', '/dev/null', `${server.fast}big.bin`]),
      ],
    },
    {
      title: `256 MiB, ${PER_CONNECTION_LIMIT / 1e6} MB/s per connection, 8 connections`,
      target: 'at least as fast as aria2c -x8 -s8',
      verify: (out) => expectSize(join(out, 'mid.bin'), 256 * MiB),
      tools: [
        ferry(scripts, ['--connections', '8', `${server.limited}mid.bin`]),
        peer('aria2c', 'aria2c', (out) => ['-x8', '-s8', ...ariaQuiet, '-d', out, `${server.limited}mid.bin`]),
      ],
    },
    {
      title: '500 files of 100 KB, 16 at a time',
      target: 'faster than aria2c -j16',
      verify: (out) => expectFiles(out, 500),
      tools: [
        ferry(scripts, ['--parallel', '16', '--list', listFile]),
        peer('aria2c', 'aria2c', (out) => ['-j16', ...ariaQuiet, '-d', out, '-i', listFile]),
        {
          name: 'curl',
          async run(out) {
            await writeFile(curlConfig, curlEntries(out));
            return {
              ms: (await timed('curl', ['-sS', '--fail', '--parallel', '--parallel-max', '16', '-K', curlConfig])).ms,
            };
          },
        },
      ],
    },
  ];
}

/** One untimed warm-up (page cache, nginx), then rounds with the tools in rotating order. */
async function measure(benchCase: Case, work: string): Promise<Row> {
  const times = new Map<string, number[]>(benchCase.tools.map((tool) => [tool.name, []]));
  const peakRssKiB = new Map<string, number>();
  process.stdout.write(`${benchCase.title}:`);
  for (let round = 0; round <= runs; round++) {
    const order = benchCase.tools.map((_, i) => benchCase.tools[(i + round) % benchCase.tools.length] as Tool);
    for (const tool of order) {
      const out = join(work, 'out');
      await rm(out, { recursive: true, force: true });
      await mkdir(out);
      const result = await tool.run(out);
      await benchCase.verify(out);
      if (round === 0) continue;
      times.get(tool.name)?.push(result.ms);
      if (result.rssKiB) peakRssKiB.set(tool.name, Math.max(result.rssKiB, peakRssKiB.get(tool.name) ?? 0));
    }
    process.stdout.write(round === 0 ? ' warm' : ` ${round}`);
  }
  process.stdout.write('\n');
  const medians = new Map([...times].map(([name, values]) => [name, median(values)]));
  return { title: benchCase.title, target: benchCase.target, medians, peakRssKiB };
}

async function expectSize(path: string, size: number): Promise<void> {
  const actual = (await stat(path)).size;
  if (actual !== size) throw new Error(`${path} has ${actual} bytes, expected ${size}`);
}

async function expectFiles(folder: string, count: number): Promise<void> {
  const names = (await readdir(folder)).filter((name) => !name.endsWith('.part') && !name.endsWith('.aria2'));
  if (names.length !== count) throw new Error(`${folder} has ${names.length} files, expected ${count}`);
}

function renderReport(rows: Row[], serverKind: string): string {
  const lines = [
    '# Benchmarks',
    '',
    `Run with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; server: ${serverKind === 'nginx' ? "Debian's nginx" : "Ferry's Node test server (nginx missing)"} on loopback.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} GiB free), Linux ${release()}, Node ${process.versions.node}.`,
    `Each number is the median wall time of ${runs} runs after one warm-up; tools run in rotating order. Ratio = subject time / peer time (below 1 means the subject is faster); the subject is Ferry, except in the reference row.`,
    '',
    '| case | target | subject | peers | ratios | peak RSS |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) lines.push(renderRow(row));
  lines.push(
    '',
    'Ferry fsyncs every file before renaming it into place and syncs its part file about once a second (the engine rules); curl and aria2c do neither, so on a slow disk part of any gap is durability, not transfer speed. `curl+fsync` is curl followed by `sync FILE`: the same guarantee Ferry gives when it reports a download done.',
    '',
  );
  return lines.join('\n');
}

function renderRow(row: Row): string {
  const [first, ...peers] = [...row.medians];
  const [subject, subjectMs] = first ?? ['nothing', Number.NaN];
  const times = peers.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ');
  const ratios = peers.map(([name, ms]) => `${(subjectMs / ms).toFixed(2)}× ${name}`).join(', ');
  const memory = [...row.peakRssKiB].map(([name, kib]) => `${name} ${(kib / 1024).toFixed(0)} MiB`).join(', ');
  return `| ${row.title} | ${row.target} | ${subject} ${seconds(subjectMs)} | ${times} | ${ratios} | ${memory} |`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
