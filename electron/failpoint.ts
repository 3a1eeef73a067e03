/**
 * Test-only: `FERRY_FAILPOINT=<name>` makes the process kill itself (SIGKILL,
 * as a crash or a power cut would stop it) the first time it reaches the
 * point of that name, so tests can prove a restart recovers from exactly
 * there. The variable is read once; unset, each point costs one comparison.
 *
 * The points, in the order a download finishes:
 * - `after-last-byte`: every byte is in the part file, not yet flushed.
 * - `after-fsync`: the part is flushed, its final name not yet recorded.
 * - `after-rename`: the file has its final name, the library not yet told.
 * - `during-unpack`: an archive's first file is unpacked in its staging folder, the rest not yet.
 * - `folder-claimed`: the unpacked folder's name is claimed (an empty folder), its contents not yet moved in.
 * - `after-unpack`: the unpacked files are in place, the library not yet told.
 */
const armed = process.env.FERRY_FAILPOINT || null;

export const failpointArmed = armed !== null;

export function failpoint(name: string): void {
  if (armed === name) process.kill(process.pid, 'SIGKILL');
}
