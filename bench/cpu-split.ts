import { readFileSync } from 'node:fs';
import type { Profiler, Runtime } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { SourceMap } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Milliseconds of the main thread's busy time, by the part of Ferry that spent it. */
export interface CpuSplit {
  /** The scheduler and the library: `electron/downloads/` and `electron/store/`. */
  scheduler: number;
  /** `electron/engine/`. */
  engine: number;
  /** undici, Node's internals, V8 (GC, compiling), and the rest of Ferry. */
  other: number;
}

export interface CpuProfile {
  split: CpuSplit;
  /** The files that took most, largest first: Ferry's relative to the repository, packages under their name. */
  topFiles: [string, number][];
}

const SAMPLING_INTERVAL_US = 1000;
const INLINE_MAP = '//# sourceMappingURL=data:application/json;base64,';

/**
 * Samples this process's main thread from now on; the returned function stops
 * and sums up. `bundle` is the script running, built by esbuild with an inline
 * source map, and placed inside the repository: its sources then read
 * `../../electron/…`, and packages `../../undici/…` (or `../node_modules/undici/…`).
 */
export async function startCpuProfile(bundle: string): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const byFile = timeByFile(profile, bundle);
    const topFiles = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8);
    return { split: splitByPart(byFile), topFiles };
  };
}

/** Each sample's time goes to its frame's file (see `sourceFiles`); samples of an idle thread count nowhere. */
function timeByFile(profile: Profiler.Profile, bundle: string): Map<string, number> {
  const fileOf = sourceFiles(profile, bundleSources(bundle));
  const byFile = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample stands for the time until the next one, as Chrome's profiler reads it.
  for (let i = 0; i + 1 < samples.length; i++) {
    const file = fileOf(samples[i] as number);
    if (file === '(idle)') continue;
    byFile.set(file, (byFile.get(file) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return byFile;
}

/**
 * The source file of a profile node's frame. A native function (a SQLite
 * query, hashing, JSON) has none, so it takes its nearest caller's: a library
 * query counts as the library's. V8's own entries ((idle), (garbage collector))
 * keep their names.
 */
function sourceFiles(profile: Profiler.Profile, inBundle: (frame: Runtime.CallFrame) => string | null) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const nearestFile = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      if (frame?.url) return inBundle(frame) ?? frame.url;
    }
    return nodes.get(id)?.callFrame.functionName || '(native)';
  };
  const files = new Map<number, string>();
  return (id: number) => {
    let file = files.get(id);
    if (file === undefined) {
      file = nearestFile(id);
      files.set(id, file);
    }
    return file;
  };
}

/** The original file of a frame in the bundle, by its source map; null for frames elsewhere (Node's own). */
function bundleSources(bundle: string): (frame: Runtime.CallFrame) => string | null {
  const text = readFileSync(bundle, 'utf8');
  const at = text.lastIndexOf(INLINE_MAP);
  if (at < 0) throw new Error(`${bundle} has no inline source map: build it with esbuild's sourcemap: 'inline'.`);
  const map = new SourceMap(JSON.parse(Buffer.from(text.slice(at + INLINE_MAP.length), 'base64').toString('utf8')));
  const urls = new Set([bundle, pathToFileURL(bundle).href]);
  return (frame) => {
    if (!urls.has(frame.url)) return null;
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber);
    const source = 'originalSource' in entry ? entry.originalSource : '(bundle)';
    return source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '');
  };
}

function splitByPart(byFile: Map<string, number>): CpuSplit {
  const split: CpuSplit = { scheduler: 0, engine: 0, other: 0 };
  for (const [file, ms] of byFile) split[partOf(file)] += ms;
  return split;
}

function partOf(file: string): keyof CpuSplit {
  if (file.startsWith('electron/downloads/') || file.startsWith('electron/store/')) return 'scheduler';
  if (file.startsWith('electron/engine/')) return 'engine';
  return 'other';
}
