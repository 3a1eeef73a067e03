import { constants } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';

/** Thrown when `path` is a symbolic link: the same code the kernel gives an O_NOFOLLOW open of one. */
export class SymbolicLinkRefused extends Error {
  readonly code = 'ELOOP';

  constructor(readonly path: string) {
    super(`${path} is a symbolic link, which Ferry does not write through.`);
  }
}

/**
 * Opens a file Ferry writes into without following a symbolic link at `path`, so a link planted there between runs
 * cannot turn a write into one at its target. `flags` are O_* bits, without O_NOFOLLOW.
 */
export async function openNoFollow(path: string, flags: number, mode?: number): Promise<FileHandle> {
  // Windows has no O_NOFOLLOW (Node leaves it undefined): a look first is the best it offers. The look and the open
  // are not atomic, but making a link there takes a privilege (or Developer Mode), and a process quick enough to
  // swap one in between them could as well write the target itself.
  if (constants.O_NOFOLLOW === undefined) {
    const isLink = await lstat(path).then(
      (stats) => stats.isSymbolicLink(),
      () => false,
    );
    if (isLink) throw new SymbolicLinkRefused(path);
    return open(path, flags, mode);
  }
  try {
    return await open(path, flags | constants.O_NOFOLLOW, mode);
  } catch (error) {
    // Linux and macOS say ELOOP; FreeBSD says EMLINK.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new SymbolicLinkRefused(path);
    throw error;
  }
}
