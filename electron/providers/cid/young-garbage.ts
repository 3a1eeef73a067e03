import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Received bytes between two collections: a few MiB of buffers at most lie dead at any time. */
const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;

type Collect = (options: { type: 'minor' }) => void;

let sinceCollected = 0;
let collect: Collect | null | undefined;

/**
 * Counts bytes of CARs read from the network, and collects V8's young
 * generation every 4 MiB of them. Each socket read allocates a fresh 64 KiB
 * buffer, and the UnixFS exporter a copy of each block, all dead within
 * moments; but V8 collects only when its small objects fill the young
 * generation or outside memory has grown by tens of MiB: some 100 MiB of dead
 * buffers lay about (most of a verified download's peak memory), and every
 * new one touched fresh pages. Collected often, their memory is reused, and
 * the download ran faster too. Not for the engine's downloads: there each
 * collection found more alive and copied it, and a 1 GiB file took 0.9 s more
 * CPU. Counted for the whole process, however many downloads run.
 */
export function countReceived(bytes: number): void {
  sinceCollected += bytes;
  if (sinceCollected < COLLECT_EVERY_BYTES) return;
  sinceCollected = 0;
  youngCollector()?.({ type: 'minor' });
}

/**
 * V8's `gc`, which Node exposes only to contexts made after `--expose-gc` is
 * set; setting it at run time exposes it nowhere else in this one.
 */
function youngCollector(): Collect | null {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = (runInNewContext('typeof gc === "function" ? gc : null') as Collect | null) ?? null;
  }
  return collect;
}
