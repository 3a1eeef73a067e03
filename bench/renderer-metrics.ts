import { readFile } from 'node:fs/promises';
import type { Browser, CDPSession } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The trace categories that hold every task a renderer's main thread runs. */
export const TASK_CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline'];

/**
 * The longest task on the busiest renderer main thread of a trace, in ms.
 * The busiest one is the page's: other renderers (a spare one) sit idle.
 */
export function longestTaskMs(trace: Buffer): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const perThread = new Map<string, { busyUs: number; longestUs: number }>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || !TASK_EVENTS.has(event.name) || !mainThreads.has(thread)) continue;
    const totals = perThread.get(thread) ?? { busyUs: 0, longestUs: 0 };
    totals.busyUs += event.dur ?? 0;
    totals.longestUs = Math.max(totals.longestUs, event.dur ?? 0);
    perThread.set(thread, totals);
  }
  const busiest = [...perThread.values()].sort((a, b) => b.busyUs - a.busyUs)[0];
  if (!busiest) throw new Error('The trace holds no renderer tasks: Chromium may have changed its trace event names.');
  return busiest.longestUs / 1000;
}

export interface MemoryMeasure {
  jsHeapMiB: number;
  rendererRssMiB: number;
  domNodes: number;
}

/** After a full garbage collection: the page's JS heap and DOM nodes, and the resident set of its renderer process. */
export async function measureMemory(browser: Browser, cdp: CDPSession): Promise<MemoryMeasure> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
  return {
    jsHeapMiB: metric('JSHeapUsedSize') / 2 ** 20,
    rendererRssMiB: (await largestRendererRssKiB(browser)) / 1024,
    domNodes: metric('Nodes'),
  };
}

/** The page's renderer is the largest: Chromium may keep a spare one, nearly empty, beside it. */
async function largestRendererRssKiB(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    const sizes = await Promise.all(
      processInfo.filter((process) => process.type === 'renderer').map((process) => rssKiB(process.id)),
    );
    return Math.max(0, ...sizes);
  } finally {
    await session.detach();
  }
}

async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}
