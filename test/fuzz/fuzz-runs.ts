import { expect } from 'vitest';

/**
 * How many cases each fuzz property tries (at most `most` for a property
 * whose every case writes tens of MiB). `npm test` runs the short form
 * given at each property; `npm run fuzz` sets FERRY_FUZZ_RUNS (20,000 by
 * default) and every property runs that many instead.
 */
export function fuzzRuns(short: number, most = Number.POSITIVE_INFINITY): number {
  const long = Number(process.env.FERRY_FUZZ_RUNS);
  return Number.isInteger(long) && long > 0 ? Math.min(long, Math.max(most, short)) : short;
}

/** A test's time limit that grows with the runs asked for, so a long fuzz run is not cut off by vitest. */
export function fuzzTimeout(short: number, shortMs: number, most = Number.POSITIVE_INFINITY): number {
  return Math.max(shortMs, Math.ceil((shortMs * fuzzRuns(short, most)) / short));
}

/** Errors that mean the code crashed on its input rather than refusing it in words. */
const CRASHES = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

/** A refusal a person can read: an Error of Ferry's own kind, not a crash, with a message that says something. */
export function expectClearError(error: unknown, kinds: readonly (abstract new (...args: never[]) => Error)[]): void {
  expect(error).toBeInstanceOf(Error);
  const crash = CRASHES.find((kind) => (error as Error).constructor === kind);
  expect(crash, `crashed with ${(error as Error).stack}`).toBeUndefined();
  expect(
    kinds.some((kind) => error instanceof kind),
    `not one of Ferry's errors: ${(error as Error).name}: ${(error as Error).message}`,
  ).toBe(true);
  expect((error as Error).message.length).toBeGreaterThan(10);
}

/** The work's outcome, or a failure naming the input when it takes longer than `ms` (a hang). */
export async function settleWithin<T>(work: Promise<T>, ms: number, input: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for ${ms} ms on ${input.slice(0, 200)}`)), ms);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a work resolved to, or the error it threw: properties judge both. */
export async function outcomeOf<T>(work: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  try {
    return { value: await work };
  } catch (error) {
    return { error };
  }
}
