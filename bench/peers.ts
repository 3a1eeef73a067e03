import { spawn } from 'node:child_process';

export interface RunResult {
  ms: number;
  stdout: string;
}

/** Runs a command to completion and times it from spawn to exit, as a person would feel it. */
export function timed(command: string, args: string[]): Promise<RunResult> {
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
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

export async function available(command: string): Promise<boolean> {
  try {
    await timed('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

const debianPackages: Record<string, string> = { curl: 'curl', aria2c: 'aria2', nginx: 'nginx-light' };

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
    await timed('apt-get', ['update', '-q']);
    await timed('apt-get', ['install', '-y', '-q', ...packages]);
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
