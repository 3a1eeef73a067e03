import { readFile } from 'node:fs/promises';
import type { Browser, CDPSession } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  /** Thread time: what the task ran on a CPU, without the time another process held it. */
  tdur?: number;
  args?: { name?: string };
}

const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The trace categories that hold every task a renderer's main thread runs. */
export const TASK_CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline'];

export interface LongestTask {
  wallMs: number;
  /** Its thread time: on a busy machine, far below the wall time when the task waited for a core. */
  cpuMs: number;
}

/**
 * The longest task on the busiest renderer main thread of a trace.
 * The busiest one is the page's: other renderers (a spare one) sit idle.
 */
export function longestTask(trace: Buffer): LongestTask {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const perThread = new Map<string, { busyUs: number; longest: TraceEvent }>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || !TASK_EVENTS.has(event.name) || !mainThreads.has(thread)) continue;
    const totals = perThread.get(thread) ?? { busyUs: 0, longest: event };
    totals.busyUs += event.dur ?? 0;
    if ((event.dur ?? 0) > (totals.longest.dur ?? 0)) totals.longest = event;
    perThread.set(thread, totals);
  }
  const busiest = [...perThread.values()].sort((a, b) => b.busyUs - a.busyUs)[0];
  if (!busiest) throw new Error('The trace holds no renderer tasks: Chromium may have changed its trace event names.');
  return { wallMs: (busiest.longest.dur ?? 0) / 1000, cpuMs: (busiest.longest.tdur ?? Number.NaN) / 1000 };
}

export interface MemoryMeasure {
  jsHeapMiB: number;
  /**
   * Chromium's own measure of a process's memory, its "private memory footprint" (the Memory footprint column of
   * its task manager): on Linux, resident anonymous memory plus swap. The RSS also counts the Chromium binary and
   * fonts mapped from disk, pages every Chromium process shares.
   */
  rendererFootprintMiB: number;
  rendererRssMiB: number;
  domNodes: number;
}

/** After a full garbage collection: the page's JS heap and DOM nodes, and the resident set of its renderer process. */
export async function measureMemory(browser: Browser, cdp: CDPSession): Promise<MemoryMeasure> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
  const renderer = await largestRenderer(browser);
  return {
    jsHeapMiB: metric('JSHeapUsedSize') / 2 ** 20,
    rendererFootprintMiB: renderer.footprintKiB / 1024,
    rendererRssMiB: renderer.rssKiB / 1024,
    domNodes: metric('Nodes'),
  };
}

interface ResidentSet {
  rssKiB: number;
  footprintKiB: number;
}

/** The page's renderer is the largest: Chromium may keep a spare one, nearly empty, beside it. */
async function largestRenderer(browser: Browser): Promise<ResidentSet> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    const sizes = await Promise.all(
      processInfo.filter((process) => process.type === 'renderer').map((process) => residentSet(process.id)),
    );
    return sizes.sort((a, b) => b.rssKiB - a.rssKiB)[0] ?? { rssKiB: Number.NaN, footprintKiB: Number.NaN };
  } finally {
    await session.detach();
  }
}

async function residentSet(pid: number): Promise<ResidentSet> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssKiB: kib('VmRSS'), footprintKiB: kib('RssAnon') + kib('VmSwap') };
}
