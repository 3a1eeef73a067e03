import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

/**
 * Makes a folder or a file read-only in a way that stops root too (CI runs
 * as root, which ignores permission bits): a read-only bind mount onto
 * itself. Others get the permission bits. Resolves to the undo.
 */
export function makeReadOnly(path: string, isFolder: boolean): () => void {
  if (process.getuid?.() !== 0) {
    chmodSync(path, isFolder ? 0o555 : 0o444);
    return () => chmodSync(path, isFolder ? 0o755 : 0o644);
  }
  execFileSync('mount', ['--bind', path, path]);
  execFileSync('mount', ['-o', 'remount,ro,bind', path, path]);
  return () => execFileSync('umount', [path]);
}
