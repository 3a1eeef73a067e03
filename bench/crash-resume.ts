import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FaultServer } from '../test/support/fault-server';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'out/main/cli.cjs');

export interface CrashResult {
  size: number;
  refetched: number;
  identical: boolean;
}

/**
 * Starts `ferry run` on a throttled 4 MiB download, kills it with SIGKILL
 * halfway, runs it again, and counts the bytes the server had to send twice.
 */
export async function measureCrashResume(): Promise<CrashResult> {
  const server = await FaultServer.start();
  const profile = await mkdtemp(join(tmpdir(), 'ferry-crash-bench-'));
  const folder = join(profile, 'downloads');
  try {
    const file = Buffer.alloc(4 * 1024 * 1024, 7);
    server.route('/asset.bin', { body: file, etag: '"a"', bytesPerSecond: 1_000_000 });
    // One connection, so the part's length is the bytes received (segments would write sparsely).
    await exited(ferry(['add', server.url('/asset.bin'), '-o', folder, '--connections', '1'], profile));
    const doomed = ferry(['run'], profile);
    const partSize = async () => (await stat(join(folder, 'asset.bin.part')).catch(() => null))?.size ?? 0;
    await until(async () => (await partSize()) > file.length / 2);
    doomed.kill('SIGKILL');
    await exited(doomed);
    await exited(ferry(['run'], profile));
    const sent = server.requests.reduce((sum, request) => sum + request.sent, 0);
    const identical = (await readFile(join(folder, 'asset.bin'))).equals(file);
    return { size: file.length, refetched: sent - file.length, identical };
  } finally {
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

function ferry(args: string[], profile: string): ChildProcess {
  return spawn(process.execPath, [cli, ...args], { env: { ...process.env, FERRY_HOME: profile }, stdio: 'ignore' });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => child.on('close', () => done()));
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((done) => setTimeout(done, 50));
}
