import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { requireBuiltApp } from '../support/built-app';

export const cliBundle = resolve(requireBuiltApp().main, '../cli.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the built `ferry` CLI under plain Node with its own profile. */
export function startFerry(
  args: string[],
  profileDir: string,
  env: NodeJS.ProcessEnv = {},
): ChildProcess & { result: Promise<CliResult> } {
  const child = spawn(process.execPath, [cliBundle, ...args], {
    env: { ...process.env, FERRY_HOME: profileDir, NO_COLOR: '1', ...env },
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
  const result = new Promise<CliResult>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
  return Object.assign(child, { result });
}

export function ferry(args: string[], profileDir: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return startFerry(args, profileDir, env).result;
}

export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}
