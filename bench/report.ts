import { cpus, freemem, release, totalmem } from 'node:os';
import type { CpuSplit } from './cpu-split';
import type { CrashResult } from './crash-resume';
import type { WindowResult } from './renderer-bench';
import { renderWindow } from './renderer-report';

/** One case measured: medians per tool, the subject (Ferry) first. */
export interface Row {
  title: string;
  target: string;
  runs: number;
  medianMs: Map<string, number>;
  medianCpuMs: Map<string, number>;
  peakRssKiB: Map<string, number>;
}

export interface LibraryResult {
  count: number;
  addMs: number;
  listMs: number;
  maxRssKiB: number;
}

/** What `service-child.ts` prints: the app's DownloadService adding and running many small downloads. */
export interface ServiceResult {
  count: number;
  addMs: number;
  totalMs: number;
  /** `downloads:progress` batches the window would have received; `changedEvents` the `downloads:changed` ones. */
  events: number;
  changedEvents: number;
  failed: number;
  /** The main thread's busy time by part (a synchronous SQLite write counts while it waits for the disk). */
  cpuMs: CpuSplit;
  /** User + system time of the whole process, every thread, over the same span. */
  processCpuMs: number;
  topFiles: [string, number][];
  maxRssKiB: number;
}

export interface Sections {
  product: Row[];
  platforms: Row[];
  floor: Row[];
  unpack: Row[];
  library: LibraryResult;
  crash: CrashResult;
  service: ServiceResult;
  window: WindowResult;
}

export function renderReport(sections: Sections, serverKind: string): string {
  const server = serverKind === 'nginx' ? "Debian's nginx" : "Ferry's Node test server (nginx missing)";
  return [
    '# Benchmarks',
    '',
    `Run with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; server: ${server} on loopback.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} GiB free), Linux ${release()}, Node ${process.versions.node}.`,
    'Each time is the median wall time of the runs given after one warm-up, tools in rotating order, each run after a `sync` so none flushes what the one before left; CPU is the median of user + system time of the process and its children, RSS the largest resident set seen (GNU time). Ratio = subject time / peer time (below 1 means the subject is faster).',
    '',
    '## The product path: `ferry get` with a fresh profile',
    '',
    table(sections.product),
    '',
    'Ferry flushes every file to disk before it reports it done (and syncs a part file about once a second); curl and aria2c do neither, so `+sync` rows give curl the same guarantee.',
    '',
    '## The platforms, `ferry get` against their fake servers',
    '',
    table(sections.platforms),
    '',
    '## The floor: the engine alone, and Node + undici reading and discarding',
    '',
    table(sections.floor),
    '',
    '## Unpacking, against the usual tools followed by sync',
    '',
    table(sections.unpack),
    '',
    renderLibrary(sections.library, sections.crash),
    renderService(sections.service),
    renderWindow(sections.window),
  ].join('\n');
}

export function table(rows: Row[]): string {
  const lines = [
    '| case | target | subject | peers | ratios | CPU | peak RSS |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) lines.push(renderRow(row));
  return lines.join('\n');
}

function renderRow(row: Row): string {
  const [first, ...peers] = [...row.medianMs];
  const [subject, subjectMs] = first ?? ['nothing', Number.NaN];
  const times = peers.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ');
  const ratios = peers.map(([name, ms]) => `${(subjectMs / ms).toFixed(2)}× ${name}`).join(', ');
  const cpu = [...row.medianCpuMs].map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ');
  const memory = [...row.peakRssKiB].map(([name, kib]) => `${name} ${(kib / 1024).toFixed(0)} MiB`).join(', ');
  const title = `${row.title} (${row.runs} runs)`;
  return `| ${title} | ${row.target} | ${subject} ${seconds(subjectMs)} | ${times} | ${ratios} | ${cpu} | ${memory} |`;
}

function renderLibrary(library: LibraryResult, crash: CrashResult): string {
  return [
    '## Library and crash safety',
    '',
    '| measure | result | target |',
    '| --- | --- | --- |',
    `| add ${library.count.toLocaleString('en')} queued downloads | ${library.addMs.toFixed(0)} ms | under 2 s |`,
    `| list them (median of 5) | ${library.listMs.toFixed(1)} ms | under 100 ms |`,
    `| peak RSS of that process | ${(library.maxRssKiB / 1024).toFixed(0)} MiB | under 200 MiB |`,
    `| bytes fetched twice after SIGKILL of \`ferry run\` halfway through ${(crash.size / 2 ** 20).toFixed(0)} MiB at 1 MB/s | ${(crash.refetched / 1024).toFixed(0)} KiB${crash.identical ? '' : ' (FILE DIFFERS)'} | at most one checkpoint interval (about 1000 KiB) |`,
    '',
  ].join('\n');
}

function renderService(service: ServiceResult): string {
  const { scheduler, engine, other } = service.cpuMs;
  const count = service.count.toLocaleString('en');
  const files = service.topFiles.map(([file, ms]) => `${file} ${seconds(ms)}`).join(', ');
  return [
    `## The app's DownloadService: ${count} downloads of 10 KB, 16 at a time, one connection each`,
    '',
    '| measure | result | target |',
    '| --- | --- | --- |',
    `| add ${count} links in one \`downloads:add\`, as the window's Add does | ${service.addMs.toFixed(0)} ms | under 1 s |`,
    `| all of them settled, from the add | ${seconds(service.totalMs)}${service.failed ? ` (${service.failed} failed)` : ''} | |`,
    `| event batches the window received | ${service.events.toLocaleString('en')} \`downloads:progress\`, ${service.changedEvents.toLocaleString('en')} \`downloads:changed\` | |`,
    `| main-thread time of the scheduler and library against the engine's | ${seconds(scheduler)} against ${seconds(engine)}: ${((100 * scheduler) / engine).toFixed(0)}% (the rest ${seconds(other)}; process CPU ${seconds(service.processCpuMs)}) | under 10% |`,
    `| peak RSS of that process | ${(service.maxRssKiB / 1024).toFixed(0)} MiB | |`,
    '',
    "The services run bundled in a process of their own and profile their main thread from just before the add to the last download settled. Each sample counts for the source file on top of its stack, read from the bundle's source map (a native call such as a SQLite query counts for the file that called it, and a synchronous write while it waits for the disk): `electron/downloads/` and `electron/store/` are the scheduler and library, `electron/engine/` the engine; undici, Node and V8 are the rest.",
    '',
    `Most main-thread time by file: ${files}.`,
    '',
  ].join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
