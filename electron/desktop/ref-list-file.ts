import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { refsFromCsv, refsFromLines } from '../../shared/ref-text';
import { describeFsError } from '../fs/describe-fs-error';

/** The largest list of refs a launch may name: about twenty thousand links, far more than one batch holds. */
export const MAX_LIST_FILE_BYTES = 1024 * 1024;

export type RefList = { refs: string[] } | { problem: string };

/**
 * The refs of a .txt or .csv list named on Ferry's command line, read as a drop of that file would be. Only a
 * regular file is read, and a symbolic link only when it points beside itself: a link that leads elsewhere is
 * refused, so a launch cannot make Ferry read a file it did not name.
 */
export async function readRefList(path: string): Promise<RefList> {
  const name = basename(path);
  const target = await listTarget(path);
  if (typeof target !== 'string') return target;
  if (!/^\.(txt|csv)$/i.test(extname(target))) {
    return { problem: `${name} was not read: Ferry reads refs only from .txt and .csv lists.` };
  }
  const read = await readSmall(target, name);
  if ('problem' in read) return read;
  return { refs: /\.csv$/i.test(target) ? refsFromCsv(read.text) : refsFromLines(read.text) };
}

/** The file to read: the path itself, or where its symbolic link points when that is in the same folder. */
async function listTarget(path: string): Promise<string | { problem: string }> {
  const name = basename(path);
  try {
    const stats = await lstat(path);
    if (!stats.isSymbolicLink()) return path;
    const real = await realpath(path);
    if (dirname(real) === (await realpath(dirname(path)))) return real;
    return { problem: `${name} was not read: it is a link to a file in another folder. Name the list itself.` };
  } catch (error) {
    return { problem: `${name} was not read: ${fsProblem(error)}. Check the path and try again.` };
  }
}

async function readSmall(path: string, name: string): Promise<{ text: string } | { problem: string }> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // Non-blocking, so a named pipe posing as a list cannot hold Ferry waiting for a writer.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = await handle.stat();
    if (!stats.isFile()) return { problem: `${name} was not read: it is not a regular file.` };
    const tooBig = { problem: `${name} was not read: it is over 1 MiB, the most a list of refs may hold. Split it.` };
    if (stats.size > MAX_LIST_FILE_BYTES) return tooBig;
    // Read one byte more than allowed, so a file that grew after its size was checked is caught too.
    const buffer = Buffer.alloc(MAX_LIST_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_LIST_FILE_BYTES) return tooBig;
    return { text: buffer.subarray(0, bytesRead).toString('utf8') };
  } catch (error) {
    return { problem: `${name} was not read: ${fsProblem(error)}.` };
  } finally {
    await handle?.close();
  }
}

function fsProblem(error: unknown): string {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : describeFsError(error);
}
