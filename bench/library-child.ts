import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/store/database';
import { DownloadStore } from '../electron/store/download-store';

/** Adds 10,000 downloads to a fresh library, lists them, and reports times and this process's peak memory. */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const profile = await mkdtemp(join(tmpdir(), 'ferry-library-bench-'));
  try {
    const db = openDatabase(profile);
    const store = new DownloadStore(db);
    const refs = Array.from({ length: count }, (_, i) => ({
      ref: `https://cdn.example.com/assets/${i}.glb`,
      directory: '/downloads',
    }));
    let started = performance.now();
    store.addMany(refs);
    const addMs = performance.now() - started;
    const listTimes: number[] = [];
    let listed = 0;
    for (let round = 0; round < 5; round++) {
      started = performance.now();
      listed = store.list().length;
      listTimes.push(performance.now() - started);
    }
    db.close();
    listTimes.sort((a, b) => a - b);
    const result = { count: listed, addMs, listMs: listTimes[2], maxRssKiB: process.resourceUsage().maxRSS };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

void main();
