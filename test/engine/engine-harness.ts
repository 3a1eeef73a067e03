import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import type { RetryPolicy } from '../../electron/engine/retry-policy';
import type { Transfer } from '../../electron/engine/transfer';
import type { ResumeState, TransferOptions, TransferProgress } from '../../electron/engine/transfer-types';
import { FaultServer } from '../support/fault-server';
import { makeTempDir, type TempDir } from '../support/temp-dir';

/** Short delays so retry tests take milliseconds, not the production half-second and up. */
export const quickRetries: RetryPolicy = { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 5_000 };

export interface Harness {
  server: FaultServer;
  engine: Engine;
  folder: TempDir;
  start(options: Partial<TransferOptions> & Pick<TransferOptions, 'spec'>): RecordingTransfer;
  files(): Promise<string[]>;
  read(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export interface RecordingTransfer {
  transfer: Transfer;
  progress: TransferProgress[];
  checkpoints: ResumeState[];
}

export async function startHarness(): Promise<Harness> {
  const server = await FaultServer.start();
  const engine = new Engine();
  const folder = await makeTempDir('ferry-engine-');
  return {
    server,
    engine,
    folder,
    start(options) {
      const progress: TransferProgress[] = [];
      const checkpoints: ResumeState[] = [];
      const transfer = engine.transfer({
        directory: folder.path,
        retry: quickRetries,
        progressIntervalMs: 20,
        checkpointIntervalMs: 100,
        onProgress: (update) => progress.push(update),
        onCheckpoint: (state) => {
          checkpoints.push(state);
        },
        ...options,
      });
      return { transfer, progress, checkpoints };
    },
    files: async () => (await readdir(folder.path)).sort(),
    read: (name) => readFile(join(folder.path, name)),
    async close() {
      await engine.close();
      await server.close();
      await folder.remove();
    },
  };
}

export function bytes(size: number): Buffer {
  return randomBytes(size);
}

export function rangeStart(header: string | string[] | undefined): number | undefined {
  const match = /^bytes=(\d+)-/.exec(String(header ?? ''));
  return match ? Number(match[1]) : undefined;
}
