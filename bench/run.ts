import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { startBenchServer } from './bench-server';
import { measureCrashResume } from './crash-resume';
import { engineCases, type Scripts, unpackCases } from './floor-cases';
import { ensurePeers, median, timed } from './peers';
import { type BenchContext, cidGatewayCase, scenarioBatchCase } from './platform-cases';
import { measureWindow } from './renderer-bench';
import { renderWindow, replaceSection } from './renderer-report';
import { type LibraryResult, type Row, renderReport, type ServiceResult, table } from './report';
import type { Case, Tool } from './tools';
import { productCases, type TransferContext } from './transfer-cases';

/**
 * `npm run bench`: `ferry get` against curl and aria2c on loopback, the
 * platforms against their fake servers, the engine alone as the floor, and
 * unpacking against unzip and tar, in one run, written to docs/benchmarks.md
 * and the Downloads view in Chromium against the same rows without virtualization
 * (`-- --platforms` runs the platforms alone and prints them; `-- --renderer` runs the
 * window alone and rewrites its section of docs/benchmarks.md).
 * A benchmark, not a test: it asserts nothing and its numbers depend on the machine.
 */

const root = resolve(import.meta.dirname, '..');
const defaultRuns = Number(process.env.FERRY_BENCH_RUNS ?? 5);
const MiB = 1024 * 1024;
const SMALL_FILES = 500;
const TINY_FILES = 5000;
const SERVICE_FILES = 10_000;

async function main(): Promise<void> {
  if (process.argv.includes('--renderer')) {
    await windowOnly();
    return;
  }
  await ensurePeers(['curl', 'aria2c', 'tar', 'zip', 'unzip', 'time'], ['nginx']);
  const work = await mkdtemp(join(tmpdir(), 'ferry-bench-'));
  try {
    const data = join(work, 'data');
    if (process.argv.includes('--platforms')) {
      await platformsOnly(work, data);
      return;
    }
    await makeData(data);
    const scripts = await bundleScripts(work);
    const server = await startBenchServer(data, work);
    try {
      // First, while this process is small: a child's peak RSS counts the parent it was forked from.
      const library = await measureLibrary(scripts);
      const service = await measureService(scripts, server.fast);
      const crash = await measureCrashResume();
      const transfer: TransferContext = { ...server, work, smallCount: SMALL_FILES, tinyCount: TINY_FILES };
      const product = await measureAll(await productCases(transfer), work);
      const platforms = await measurePlatforms(work, { data, fast: server.fast, undiciRead: scripts.undiciRead });
      const floor = await measureAll(engineCases(transfer, scripts, join(work, 'small-urls.txt')), work);
      const unpack = await measureAll(unpackCases(scripts, data), work);
      const window = await measureWindowRuns();
      const report = renderReport({ product, platforms, floor, unpack, library, crash, service, window }, server.kind);
      process.stdout.write(`\n${report}\n`);
      await writeFile(join(root, 'docs/benchmarks.md'), report);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function measureAll(cases: Case[], work: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const benchCase of cases) rows.push(await measure(benchCase, work));
  return rows;
}

/** The platforms' own paths, each against its fake server on loopback, stopped once measured. */
async function measurePlatforms(work: string, bench: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  for (const start of [scenarioBatchCase, cidGatewayCase]) {
    const platformCase = await start(bench);
    try {
      rows.push(await measure(platformCase, work));
    } finally {
      await platformCase.stop();
    }
  }
  return rows;
}

/** `npm run bench -- --platforms`: the platforms' cases alone, printed and not written to docs/benchmarks.md. */
async function platformsOnly(work: string, data: string): Promise<void> {
  await mkdir(data, { recursive: true });
  await randomFile(join(data, 'mid.bin'), 256 * MiB);
  const { undiciRead } = await bundleScripts(work);
  const server = await startBenchServer(data, work);
  try {
    const rows = await measurePlatforms(work, { data, fast: server.fast, undiciRead });
    process.stdout.write(`\n${table(rows)}\n`);
  } finally {
    await server.stop();
  }
}

/** `npm run bench -- --renderer`: the window alone, printed, and its section of docs/benchmarks.md replaced. */
async function windowOnly(): Promise<void> {
  const section = renderWindow(await measureWindowRuns());
  process.stdout.write(`\n${section}\n`);
  const file = join(root, 'docs/benchmarks.md');
  await writeFile(file, replaceSection(await readFile(file, 'utf8'), section));
}

/** The window in Chromium: a few runs of each list, alternating (each takes about 15 s). */
function measureWindowRuns() {
  process.stdout.write('the Downloads view, virtualized and not:');
  return measureWindow(Math.min(defaultRuns, 3));
}

async function makeData(data: string): Promise<void> {
  await mkdir(join(data, 'small'), { recursive: true });
  await mkdir(join(data, 'tiny'), { recursive: true });
  await mkdir(join(data, 'tiny10k'), { recursive: true });
  await randomFile(join(data, 'big.bin'), 1024 * MiB);
  await randomFile(join(data, 'mid.bin'), 256 * MiB);
  for (let i = 0; i < SMALL_FILES; i++) await randomFile(join(data, 'small', `${i}.bin`), 100_000);
  for (let i = 0; i < TINY_FILES; i++) await randomFile(join(data, 'tiny', `${i}.bin`), 10_000);
  for (let i = 0; i < SERVICE_FILES; i++) await randomFile(join(data, 'tiny10k', `${i}.bin`), 10_000);
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

/** The library with 10,000 queued downloads, in a process of its own so its memory is its own. */
async function measureLibrary(scripts: Scripts): Promise<LibraryResult> {
  process.stdout.write('library with 10,000 downloads\n');
  return JSON.parse((await timed(process.execPath, [scripts.library, '10000'])).stdout);
}

/** The app's DownloadService adding 10,000 downloads and running them from the bench server, in a process of its own. */
async function measureService(scripts: Scripts, fast: string): Promise<ServiceResult> {
  process.stdout.write(`DownloadService with ${SERVICE_FILES.toLocaleString('en')} downloads\n`);
  return JSON.parse((await timed(process.execPath, [scripts.service, `${fast}tiny10k/`, `${SERVICE_FILES}`])).stdout);
}

/** Plain JavaScript, so the timings include a node start but no TypeScript compile. */
async function bundleScripts(work: string): Promise<Scripts> {
  const bundle = async (name: string, folder = work, options: BuildOptions = {}) => {
    const outfile = join(folder, `${name}.cjs`);
    await build({
      entryPoints: [join(root, `bench/${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      logLevel: 'warning',
      ...options,
    });
    return outfile;
  };
  return {
    ferry: await bundle('ferry-fetch'),
    unpack: await bundle('ferry-unpack'),
    undiciRead: await bundle('undici-read'),
    library: await bundle('library-child'),
    // The app's services load the keychain's native binding, which no bundle can hold: it stays a
    // require, so the bundle lives under node_modules to find it. Its source map names each frame's file.
    service: await bundle('service-child', join(root, 'node_modules/.cache/ferry-bench'), {
      external: ['@napi-rs/keyring'],
      sourcemap: 'inline',
    }),
  };
}

/** One untimed warm-up (page cache, nginx, compile cache), then rounds with the tools in rotating order. */
async function measure(benchCase: Case, work: string): Promise<Row> {
  const runs = benchCase.runs ?? defaultRuns;
  const samples = new Map(benchCase.tools.map((tool) => [tool.name, { ms: [] as number[], cpuMs: [] as number[] }]));
  const peakRssKiB = new Map<string, number>();
  process.stdout.write(`${benchCase.title}:`);
  for (let round = 0; round <= runs; round++) {
    const order = benchCase.tools.map((_, i) => benchCase.tools[(i + round) % benchCase.tools.length] as Tool);
    for (const tool of order) {
      const out = join(work, 'out');
      await rm(out, { recursive: true, force: true });
      await mkdir(out);
      // Nothing the last run left unwritten (its files, or their removal just now) is flushed on this run's time.
      await timed('sync', []);
      const result = await tool.run(out);
      await benchCase.verify(out);
      if (round === 0) continue;
      samples.get(tool.name)?.ms.push(result.ms);
      samples.get(tool.name)?.cpuMs.push(result.cpuMs);
      peakRssKiB.set(tool.name, Math.max(result.rssKiB, peakRssKiB.get(tool.name) ?? 0));
    }
    process.stdout.write(round === 0 ? ' warm' : ` ${round}`);
  }
  process.stdout.write('\n');
  const medianOf = (pick: 'ms' | 'cpuMs') =>
    new Map([...samples].map(([name, values]) => [name, median(values[pick])]));
  return {
    title: benchCase.title,
    target: benchCase.target,
    runs,
    medianMs: medianOf('ms'),
    medianCpuMs: medianOf('cpuMs'),
    peakRssKiB,
  };
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
