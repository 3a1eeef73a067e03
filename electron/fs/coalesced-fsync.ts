import { open } from 'node:fs/promises';

interface PendingSync {
  running: Promise<void>;
  /** The sync after it, shared by every caller who asked while it ran. */
  next: Promise<void> | null;
}

const syncs = new Map<string, PendingSync>();
const ignore = () => undefined;

/**
 * Flushes a file or folder to the disk for every caller who asks at about the
 * same time: a caller joins the next sync to start (one already running may
 * have begun before the caller's write), which every caller meanwhile shares.
 * Sixteen small files finishing together need one sync, not sixteen.
 * `flags` is how the path is opened: Windows flushes only what is open for writing.
 */
export function fsyncCoalesced(path: string, flags: 'r' | 'r+' = 'r'): Promise<void> {
  const current = syncs.get(path);
  if (!current) return startSync(path, flags);
  current.next ??= current.running.then(ignore, ignore).then(() => startSync(path, flags));
  return current.next;
}

function startSync(path: string, flags: 'r' | 'r+'): Promise<void> {
  const sync: PendingSync = { running: flush(path, flags), next: null };
  syncs.set(path, sync);
  sync.running.then(ignore, ignore).then(() => {
    if (syncs.get(path) === sync && sync.next === null) syncs.delete(path);
  });
  return sync.running;
}

async function flush(path: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(path, flags);
  await handle.sync().finally(() => handle.close());
}
