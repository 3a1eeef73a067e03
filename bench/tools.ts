import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type RunResult, timed } from './peers';

const cli = join(resolve(import.meta.dirname, '..'), 'out/main/cli.cjs');

/** One contender in a case: it fills `out` and reports what that cost. */
export interface Tool {
  name: string;
  run(out: string): Promise<Omit<RunResult, 'stdout'>>;
}

/** A case: the same work for every tool, checked after each run. */
export interface Case {
  title: string;
  target: string;
  verify(out: string): Promise<void>;
  tools: Tool[];
  /** Timed runs after the warm-up; the bench's default when absent. */
  runs?: number;
}

/** Any command, timed from spawn to exit; `args` gets the output folder. */
export function command(name: string, program: string, args: (out: string) => string[]): Tool {
  return { name, run: (out) => timed(program, args(out)) };
}

/** Untimed work around a timed `ferry get`, in its fresh profile (an account to add, then to remove). */
export interface ProfileSetUp {
  before(profile: string): Promise<void>;
  after(profile: string): Promise<void>;
}

/**
 * `ferry get` as a new user runs it: the built CLI, a fresh profile each run
 * (library, settings, scheduler, hashing), so the whole product path is timed.
 */
export function ferryGet(args: (out: string) => string[], setUp?: ProfileSetUp): Tool {
  return {
    name: 'ferry get',
    async run(out) {
      const profile = `${out}-profile`;
      await rm(profile, { recursive: true, force: true });
      await setUp?.before(profile);
      try {
        return await timed(process.execPath, [cli, 'get', ...args(out), '-o', out, '--profile', profile]);
      } finally {
        await setUp?.after(profile);
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

/** The built CLI with other arguments (accounts), untimed set-up for a case. */
export function ferryCli(args: string[]): Promise<RunResult> {
  return timed(process.execPath, [cli, ...args]);
}
