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
