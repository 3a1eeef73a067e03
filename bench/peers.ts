import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  ms: number;
  stdout: string;
  /** User and system CPU of the command and everything it waited for. */
  cpuMs: number;
  /** The largest resident set of the command or any of its children. */
  rssKiB: number;
}

/** GNU time reports what Node cannot: a finished child's CPU time and peak memory. */
const GNU_TIME = '/usr/bin/time';
let usageFiles = 0;

/** Runs a command to completion and times it from spawn to exit, as a person would feel it. */
export async function timed(command: string, args: string[]): Promise<RunResult> {
  const usageFile = join(tmpdir(), `ferry-bench-usage-${process.pid}-${usageFiles++}`);
  try {
    const run = await spawned(GNU_TIME, ['-f', '%U %S %M', '-o', usageFile, command, ...args]);
    const [user, system, rss] = (await readFile(usageFile, 'utf8')).trim().split('\n').at(-1)?.split(' ') ?? [];
    return { ...run, cpuMs: (Number(user) + Number(system)) * 1000, rssKiB: Number(rss) };
  } finally {
    await rm(usageFile, { force: true });
  }
}

function spawned(command: string, args: string[]): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => {
      stdout += data;
    });
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

export async function available(command: string): Promise<boolean> {
  try {
    await spawned('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

const debianPackages: Record<string, string> = { curl: 'curl', aria2c: 'aria2', nginx: 'nginx-light', time: 'time' };

/**
 * The peers come from Debian. As root with apt-get, missing ones are installed
 * so a fresh clone benchmarks with one command; otherwise only the required
 * ones must be there, and the message says how to get them.
 */
export async function ensurePeers(required: string[], optional: string[]): Promise<void> {
  const missing: string[] = [];
  for (const command of [...required, ...optional]) if (!(await available(command))) missing.push(command);
  if (missing.length === 0) return;
  const packages = missing.map((command) => debianPackages[command] ?? command);
  if (process.getuid?.() === 0 && (await available('apt-get'))) {
    process.stdout.write(`Installing ${packages.join(', ')} with apt-get…\n`);
    await spawned('apt-get', ['update', '-q']);
    await spawned('apt-get', ['install', '-y', '-q', ...packages]);
    return;
  }
  const missingRequired = missing.filter((command) => required.includes(command));
  if (missingRequired.length > 0) {
    throw new Error(
      `${missingRequired.join(', ')} missing: install with apt-get install ${packages.join(' ')} and run again.`,
    );
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
