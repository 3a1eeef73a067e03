import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * Mounts a tmpfs of `bytes` at `path`, a disk that fills up on cue. Only root
 * may mount (CI runs as root): elsewhere it resolves to null, and the caller
 * skips saying why. Resolves to the unmount.
 */
export function mountSmallDisk(path: string, bytes: number): (() => void) | null {
  mkdirSync(path, { recursive: true });
  if (process.getuid?.() !== 0) return null;
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', path]);
  return () => execFileSync('umount', ['-l', path]);
}

export const smallDiskSkipReason =
  'mounting a small tmpfs needs root (CI runs as root); run the tests as root to check a full disk';
