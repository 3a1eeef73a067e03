import type { FaultCounts } from './fault-plan';
import type { QuarterPeaks } from './rss-bound';

export interface SoakFigures {
  shape: string;
  seed: number;
  downloads: number;
  done: number;
  faults: FaultCounts;
  kills: number;
  bytesTransferred: number;
  bytesNeeded: number;
  failuresByReason: Map<string, number>;
  /** Peak RSS of each `ferry run`, in order. */
  runPeaks: number[];
  /** The longest run's peak RSS in its first and last quarter, when it ran long enough to compare. */
  longestRun: QuarterPeaks | undefined;
  durationMs: number;
  problems: string[];
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The soak's table in Markdown, printed at the end and pasted into docs/reliability.md. */
export function soakTable(figures: SoakFigures): string {
  const faults = [...figures.faults.byKind.entries()].sort(([a], [b]) => a.localeCompare(b));
  const failures = [...figures.failuresByReason.entries()].map(([code, count]) => `${code}: ${count}`).join(', ');
  const rows: Array<[string, string]> = [
    ['Run', `${figures.shape}, seed ${figures.seed}`],
    ['Downloads', `${figures.downloads} (${figures.done} done)`],
    ...faults.map(([kind, count]): [string, string] => [`Faults: ${kind}`, String(count)]),
    ['Faults in all', String(figures.faults.total())],
    ['SIGKILLs and restarts', String(figures.kills)],
    ['Bytes transferred (at the chaos layer)', mib(figures.bytesTransferred)],
    ['Bytes needed (sum of file sizes)', mib(figures.bytesNeeded)],
    ['Waste ratio', (figures.bytesTransferred / Math.max(1, figures.bytesNeeded)).toFixed(3)],
    ['Failures by reason', failures || 'none'],
    ['Peak RSS (any run)', mib(Math.max(0, ...figures.runPeaks))],
    ['Peak RSS per run', `${figures.runPeaks.map((peak) => (peak / 1024 / 1024).toFixed(0)).join(', ')} MiB`],
    ['Longest run: peak RSS, first vs last quarter', withinRun(figures.longestRun)],
    ['Duration', `${(figures.durationMs / 1000).toFixed(0)} s`],
    ['Problems found', String(figures.problems.length)],
  ];
  return ['| What | Figure |', '| --- | --- |', ...rows.map(([what, figure]) => `| ${what} | ${figure} |`)].join('\n');
}

function withinRun(peaks: QuarterPeaks | undefined): string {
  if (!peaks) return 'too short to compare';
  return `${(peaks.first / 2 ** 20).toFixed(0)} vs ${(peaks.last / 2 ** 20).toFixed(0)} MiB (${peaks.seconds.toFixed(0)} s run)`;
}
