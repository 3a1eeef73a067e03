import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { BATCH_INTERVAL_MS as EVENT_INTERVAL_MS } from '../electron/downloads/download-service';
import type { DownloadProgress } from '../shared/downloads';
import { requireBuiltApp } from '../test/support/built-app';
import { serveFolder } from '../test/support/static-server';
import { makeTempDir } from '../test/support/temp-dir';
import { median } from './peers';
import { buildProbe, buildReferenceRenderer } from './renderer-builds';
import { seedLibrary } from './renderer-library';
import { longestTask, type MemoryMeasure, measureMemory, TASK_CATEGORIES } from './renderer-metrics';
import { openBenchWindow, type WindowSources } from './renderer-page';

export const WINDOW_DOWNLOADS = 10_000;
export const WINDOW_ACTIVE = 100;
const UPDATE_SECONDS = 10;
const BYTES_PER_SECOND = 4 * 2 ** 20;

/** One list, measured once. */
export interface WindowSample extends MemoryMeasure {
  firstRenderMs: number;
  longestTaskMs: number;
  longestTaskCpuMs: number;
  fpsMedian: number;
  fpsMin: number;
}

/** Medians of the runs: the product's virtualized list and the same rows all mounted, and the window with no downloads. */
export interface WindowResult {
  runs: number;
  virtualized: WindowSample;
  reference: WindowSample;
  empty: MemoryMeasure;
}

/**
 * The Downloads view in Chromium with the production build: 10,000 downloads
 * listed, then 100 of them updating at the main process's event rate for 10 s.
 * Runs alternate between the product and the reference build.
 */
export async function measureWindow(runs: number): Promise<WindowResult> {
  const built = requireBuiltApp();
  const referenceDir = await makeTempDir('ferry-bench-reference-');
  const sources: WindowSources = { preload: await readFile(built.preload, 'utf8'), probe: await buildProbe() };
  await buildReferenceRenderer(referenceDir.path);
  const product = await serveFolder(built.rendererDir);
  const reference = await serveFolder(referenceDir.path);
  const samples = { virtualized: [] as WindowSample[], reference: [] as WindowSample[], empty: [] as MemoryMeasure[] };
  try {
    for (let round = 1; round <= runs; round++) {
      samples.virtualized.push(await measureOnce(product.url, sources));
      samples.reference.push(await measureOnce(reference.url, sources));
      samples.empty.push(await measureEmpty(product.url, sources));
      process.stdout.write(` ${round}`);
    }
    process.stdout.write('\n');
  } finally {
    await Promise.all([product.close(), reference.close()]);
    await referenceDir.remove();
  }
  return {
    runs,
    virtualized: medians(samples.virtualized),
    reference: medians(samples.reference),
    empty: medians(samples.empty),
  };
}

async function measureOnce(url: string, sources: WindowSources): Promise<WindowSample> {
  const profile = await makeTempDir('ferry-bench-window-');
  const active = seedLibrary(profile.path, WINDOW_DOWNLOADS, WINDOW_ACTIVE);
  const window = await openBenchWindow(profile.path, url, sources);
  try {
    await window.page.waitForFunction(
      () => (globalThis as unknown as ProbeWindow).ferryBench.firstRenderMs !== null,
      undefined,
      { timeout: 120_000 },
    );
    const firstRenderMs = (await window.page.evaluate(
      () => (globalThis as unknown as ProbeWindow).ferryBench.firstRenderMs,
    )) as number;
    await sleep(1000);
    const memory = await measureMemory(window.browser, window.cdp);
    await window.browser.startTracing(window.page, { categories: TASK_CATEGORIES });
    await window.page.evaluate(() => (globalThis as unknown as ProbeWindow).ferryBench.startFrames());
    await sendProgress(window.services.events.emit.bind(window.services.events), active);
    const frames = await window.page.evaluate(() => (globalThis as unknown as ProbeWindow).ferryBench.stopFrames());
    const longest = longestTask(await window.browser.stopTracing());
    if (window.pageErrors.length > 0) throw new Error(`The window failed: ${window.pageErrors.join('; ')}`);
    return {
      firstRenderMs,
      longestTaskMs: longest.wallMs,
      longestTaskCpuMs: longest.cpuMs,
      fpsMedian: median(frames),
      fpsMin: Math.min(...frames),
      ...memory,
    };
  } finally {
    await window.close();
    await profile.remove();
  }
}

/** The window over an empty library: what the renderer weighs before any list, for the memory rows. */
async function measureEmpty(url: string, sources: WindowSources): Promise<MemoryMeasure> {
  const profile = await makeTempDir('ferry-bench-window-');
  seedLibrary(profile.path, 0, 0);
  const window = await openBenchWindow(profile.path, url, sources);
  try {
    await window.page.getByText('No downloads yet').waitFor({ timeout: 60_000 });
    await sleep(1000);
    return await measureMemory(window.browser, window.cdp);
  } finally {
    await window.close();
    await profile.remove();
  }
}

/** What `renderer-window/probe.ts` puts on the page's window. */
interface Probe {
  firstRenderMs: number | null;
  startFrames(): void;
  stopFrames(): number[];
}

/** The page's window as the probe leaves it. The bench passes Playwright functions, not strings: the CSP forbids eval. */
interface ProbeWindow {
  ferryBench: Probe;
}

type Emit = (event: 'downloads:progress', payload: DownloadProgress[]) => void;

/** What the DownloadService sends while the active downloads run: one batch of all of them every interval. */
async function sendProgress(emit: Emit, sizes: Map<number, number>): Promise<void> {
  const started = performance.now();
  for (let tick = 1; tick <= (UPDATE_SECONDS * 1000) / EVENT_INTERVAL_MS; tick++) {
    const elapsed = (tick * EVENT_INTERVAL_MS) / 1000;
    emit(
      'downloads:progress',
      [...sizes].map(([id, size], i) => {
        const speed = BYTES_PER_SECOND * (0.5 + (i % 10) / 10);
        const received = Math.min(size, Math.round(speed * elapsed));
        return { id, received, size, speed, eta: (size - received) / speed };
      }),
    );
    await sleep(Math.max(0, started + tick * EVENT_INTERVAL_MS - performance.now()));
  }
}

/** Each measure's median over the runs, one measure at a time. */
function medians<T extends object>(samples: T[]): T {
  const first = samples[0];
  if (!first) throw new Error('No run was measured.');
  const keys = Object.keys(first) as (keyof T)[];
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((sample) => sample[key] as number))])) as T;
}
