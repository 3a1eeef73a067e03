import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const cliBundle = resolve(import.meta.dirname, '../out/main/cli.cjs');

export const rssSampleMs = 250;

export interface FerryEnv {
  profile: string;
  keychainService: string;
  /** HOME and TMPDIR of its own, inside the soak's folder, so anything Ferry leaves there is known to be its. */
  home: string;
  tmp: string;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningFerry {
  child: ChildProcess;
  /** Highest resident set seen, in bytes, sampled from /proc every 250 ms. */
  peakRss: () => number;
  /** Every sample, in bytes, one per `rssSampleMs`, to see how RSS moves within one long run. */
  rssSamples: number[];
  finished: Promise<Finished>;
}

/** Starts the built CLI under plain Node on the soak's profile, as a user's shell would. */
export function startFerry(args: string[], env: FerryEnv): RunningFerry {
  const child = spawn(process.execPath, [cliBundle, ...args], {
    env: {
      ...withoutXdgFolders(process.env),
      FERRY_HOME: env.profile,
      FERRY_KEYCHAIN_SERVICE: env.keychainService,
      HOME: env.home,
      TMPDIR: env.tmp,
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (data) => {
    stdout += data;
  });
  child.stderr?.on('data', (data) => {
    stderr += data;
  });
  const rssSamples: number[] = [];
  const sampler = setInterval(() => {
    const rss = rssOf(child.pid);
    if (rss > 0) rssSamples.push(rss);
  }, rssSampleMs);
  const finished = new Promise<Finished>((done) =>
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      done({ code, signal, stdout, stderr });
    }),
  );
  const peakRss = () => rssSamples.reduce((peak, rss) => Math.max(peak, rss), 0);
  return { child, peakRss, rssSamples, finished };
}

export async function ferry(args: string[], env: FerryEnv): Promise<Finished> {
  const result = await startFerry(args, env).finished;
  if (result.code !== 0) {
    throw new Error(`ferry ${args.slice(0, 2).join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  }
  return result;
}

function rssOf(pid: number | undefined): number {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Without XDG_*_HOME, every folder Ferry might fall back to lies under the HOME given to it. */
function withoutXdgFolders(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^XDG_\w+_HOME$/.test(name)));
}
