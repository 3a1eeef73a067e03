import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Desktop } from '../electron/desktop';
import { createRouter, type Router } from '../electron/ipc/router';
import { createLogger } from '../electron/logs/ferry-logger';
import { APP_LOG_FILE, logDirectory } from '../electron/logs/log-folder';
import { createServices, type Services } from '../electron/services';
import type { Download } from '../shared/downloads';
import { startCpuProfile } from './cpu-split';

/**
 * The app's main process without Electron: its services over a fresh profile,
 * the window's Add of COUNT links in one call, and every download run to its
 * end while the window's event stream is counted. It profiles its own main
 * thread to split the time between the scheduler and library, the engine and
 * the rest: run.ts bundles it with an inline source map (see `startCpuProfile`).
 *
 * Usage: node service-child.cjs BASE_URL COUNT, to fetch BASE_URL0.bin to BASE_URL<COUNT-1>.bin.
 */

const PARALLEL = 16;
/** A download that settles nowhere for this long means something hangs: the bench stops rather than waits forever. */
const STALL_MS = 120_000;
const SETTLED = new Set(['done', 'failed', 'canceled']);

const quietDesktop: Desktop = {
  openPath: async () => '',
  showItemInFolder: () => undefined,
  startDrag: async () => undefined,
  chooseFolder: async () => null,
};

async function main(): Promise<void> {
  const [base, countArgument] = process.argv.slice(2);
  const count = Number(countArgument);
  if (!base || !Number.isInteger(count) || count < 1) {
    throw new Error('Usage: node service-child.cjs BASE_URL COUNT (fetches BASE_URL0.bin to BASE_URL<COUNT-1>.bin)');
  }
  const profile = await mkdtemp(join(tmpdir(), 'ferry-service-bench-'));
  const logger = createLogger({ directory: logDirectory(profile), fileName: APP_LOG_FILE });
  try {
    const services = await createServices({
      profileDir: profile,
      downloadsDir: join(profile, 'Downloads'),
      version: 'bench',
      desktop: quietDesktop,
      logger,
    });
    try {
      const refs = Array.from({ length: count }, (_, i) => `${base}${i}.bin`);
      process.stdout.write(`${JSON.stringify(await measure(services, refs))}\n`);
    } finally {
      await services.dispose();
    }
  } finally {
    await logger.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function measure(services: Services, refs: string[]) {
  await services.settings.update({ maxParallelDownloads: PARALLEL, connectionsPerDownload: 1 });
  const router = createRouter(services);
  const stream = followEvents(router, refs.length);
  services.downloads.start();
  const stopProfile = await startCpuProfile(process.argv[1] as string);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const added = await router.invoke('downloads:add', { refs });
  const addMs = performance.now() - started;
  if (!added.ok) throw new Error(`The app refused the links: ${added.error.message}`);
  await stream.settled;
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // Before the profile comes back: reading it and the source map is the bench's memory, not the app's.
  const maxRssKiB = process.resourceUsage().maxRSS;
  const { split, topFiles } = await stopProfile();
  return {
    count: (added.value as Download[]).length,
    addMs,
    totalMs,
    events: stream.counts.progress,
    changedEvents: stream.counts.changed,
    failed: stream.counts.failed,
    cpuMs: split,
    processCpuMs: (cpu.user + cpu.system) / 1000,
    topFiles,
    maxRssKiB,
  };
}

/**
 * Counts what the window would receive: `downloads:progress` batches, and
 * `downloads:changed` batches, which also say when every download has settled.
 */
function followEvents(router: Router, count: number) {
  const counts = { progress: 0, changed: 0, failed: 0 };
  const settled = new Map<number, Download>();
  let lastSettled = performance.now();
  const done = Promise.withResolvers<void>();
  router.onEvent(({ event, payload }) => {
    if (event === 'downloads:progress') counts.progress++;
    if (event !== 'downloads:changed') return;
    counts.changed++;
    for (const download of payload) {
      if (!SETTLED.has(download.status) || settled.has(download.id)) continue;
      settled.set(download.id, download);
      lastSettled = performance.now();
      if (download.status !== 'done') reportFailure(download, ++counts.failed);
    }
    if (settled.size === count) done.resolve();
  });
  const watchdog = setInterval(() => {
    if (performance.now() - lastSettled < STALL_MS) return;
    done.reject(new Error(`No download settled for ${STALL_MS / 1000} s (${settled.size} of ${count} settled).`));
  }, 1000);
  watchdog.unref();
  const finished = done.promise.finally(() => clearInterval(watchdog));
  return { counts, settled: finished };
}

/** The first few, so a broken run says why without flooding the terminal. */
function reportFailure(download: Download, failures: number): void {
  if (failures > 3) return;
  process.stderr.write(`${download.ref}: ${download.status} (${download.error?.message ?? 'no message'})\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
