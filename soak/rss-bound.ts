const MiB = 1024 * 1024;

/** Ferry's documented peak for its heaviest case (a 256 MiB CAR) is about 215 MiB; 16 transfers at once get twice that. */
export const rssCeiling = 512 * MiB;

/**
 * RSS must not grow across the run: within a phase, the later half of the runs may peak
 * at most 50 % (plus 64 MiB of allocator slack) above the earlier half. Each run is a new
 * process, so growth here means something Ferry keeps (library, history, logs) costs
 * memory as it grows; the last run of a phase, the longest, is in the later half.
 */
export function rssProblems(runPeaks: number[]): string[] {
  const problems: string[] = [];
  const highest = Math.max(0, ...runPeaks);
  if (highest > rssCeiling)
    problems.push(`a run peaked at ${(highest / MiB).toFixed(0)} MiB, over ${rssCeiling / MiB} MiB`);
  const half = Math.ceil(runPeaks.length / 2);
  const early = Math.max(0, ...runPeaks.slice(0, half));
  const late = Math.max(0, ...runPeaks.slice(half));
  if (late > early * 1.5 + 64 * MiB) {
    problems.push(
      `RSS grew: later runs peaked at ${(late / MiB).toFixed(0)} MiB, earlier ones at ${(early / MiB).toFixed(0)} MiB`,
    );
  }
  return problems;
}

/** Long enough for each quarter to span 5 s of work (20 samples): a shorter run says nothing about growth within it. */
const longRunMs = 20_000;

export interface QuarterPeaks {
  seconds: number;
  first: number;
  last: number;
}

/** The peak RSS of a run's first and last quarter, for a run long enough to compare them. */
export function quarterPeaks(samples: number[], sampleMs: number): QuarterPeaks | undefined {
  if (samples.length * sampleMs < longRunMs) return undefined;
  const quarter = Math.floor(samples.length / 4);
  const peak = (part: number[]) => part.reduce((highest, rss) => Math.max(highest, rss), 0);
  return {
    seconds: (samples.length * sampleMs) / 1000,
    first: peak(samples.slice(0, quarter)),
    last: peak(samples.slice(-quarter)),
  };
}

/**
 * Every run but the last of a phase is killed within seconds, so a leak inside one long
 * process shows only in the last: its last quarter may peak at most 50 % (plus 64 MiB)
 * above its first. The first quarter carries sixteen transfers at once, the last only
 * what is left, so the working set should shrink, not grow; the slack is the same as
 * across runs, for the collector's timing.
 */
export function rssGrowthWithin(peaks: QuarterPeaks | undefined): string[] {
  if (!peaks || peaks.last <= peaks.first * 1.5 + 64 * MiB) return [];
  const [first, last] = [peaks.first, peaks.last].map((rss) => (rss / MiB).toFixed(0));
  return [
    `RSS grew within the ${peaks.seconds.toFixed(0)} s last run: ${first} MiB in its first quarter, ${last} MiB in its last`,
  ];
}
