import { WINDOW_ACTIVE, WINDOW_DOWNLOADS, type WindowResult, type WindowSample } from './renderer-bench';
import type { MemoryMeasure } from './renderer-metrics';

interface Measure {
  name: string;
  target: string;
  show(sample: WindowSample): string;
}

const measures: Measure[] = [
  {
    name: `first render of ${WINDOW_DOWNLOADS.toLocaleString('en')} downloads, from the list's answer to its rows painted`,
    target: 'under 300 ms',
    show: (sample) => `${sample.firstRenderMs.toFixed(0)} ms`,
  },
  {
    name: `longest main-thread task, ${WINDOW_ACTIVE} downloads updating for 10 s (its CPU time)`,
    target: 'under 50 ms',
    show: (sample) => `${sample.longestTaskMs.toFixed(1)} ms (${sample.longestTaskCpuMs.toFixed(1)} ms)`,
  },
  {
    name: 'frames per second over those 10 s: median, slowest second',
    target: '60 held, median at least 58',
    show: (sample) => `${sample.fpsMedian.toFixed(0)}, ${sample.fpsMin.toFixed(0)}`,
  },
  {
    name: `renderer process with ${WINDOW_DOWNLOADS.toLocaleString('en')} downloads listed: private memory footprint (RSS)`,
    target: 'under 150 MiB',
    show: rendererMemory,
  },
  {
    name: 'JS heap in use after a full collection; DOM nodes',
    target: '',
    show: heapAndNodes,
  },
];

function rendererMemory(memory: MemoryMeasure): string {
  return `${memory.rendererFootprintMiB.toFixed(0)} MiB (${memory.rendererRssMiB.toFixed(0)} MiB)`;
}

function heapAndNodes(memory: MemoryMeasure): string {
  return `${memory.jsHeapMiB.toFixed(1)} MiB; ${memory.domNodes.toLocaleString('en')} nodes`;
}

/** "The window" table: the product's virtualized list beside the same rows all mounted. */
export function renderWindow(result: WindowResult): string {
  return [
    `## The window: the Downloads view in Chromium with the production build (median of ${result.runs} runs)`,
    '',
    '| measure | virtualized list (Ferry) | every row mounted (reference) | target |',
    '| --- | --- | --- | --- |',
    ...measures.map(
      (measure) =>
        `| ${measure.name} | ${measure.show(result.virtualized)} | ${measure.show(result.reference)} | ${measure.target} |`,
    ),
    '',
    `The same window over an empty library, for scale: renderer footprint (RSS) ${rendererMemory(result.empty)}, ${heapAndNodes(result.empty)}.`,
    '',
    `Headless Chromium at 1200 × 780 over the app's services and router, with the real preload, as in the end-to-end tests; the library holds ${WINDOW_DOWNLOADS.toLocaleString('en')} downloads, the newest ${WINDOW_ACTIVE} of them running, and the bench sends one \`downloads:progress\` batch of all ${WINDOW_ACTIVE} every 100 ms (the DownloadService's batching interval) through the services' event hub. The reference is the same window built with a bench-only grid that mounts every row (the real row component) in place of the virtualized one. The longest task is read from a DevTools trace of the page's main thread (its CPU time is the thread time: on a busy machine a task also waits for a core); frames are counted with requestAnimationFrame, per whole second; memory is read after a forced garbage collection, from /proc: the private memory footprint as Chromium defines it on Linux (resident anonymous memory plus swap: the Memory footprint column of its task manager), which is the measure the target is read against, and the RSS, which also counts the Chromium binary and fonts mapped from disk and shared by every Chromium process.`,
    '',
  ].join('\n');
}

/** The report with its window section swapped for `section` (added at the end when it has none yet). */
export function replaceSection(report: string, section: string): string {
  const start = report.indexOf('## The window:');
  if (start < 0) return `${report.trimEnd()}\n\n${section}`;
  const next = report.indexOf('\n## ', start + 1);
  return report.slice(0, start) + section + (next < 0 ? '' : report.slice(next));
}
