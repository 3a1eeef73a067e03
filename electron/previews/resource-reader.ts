import { open, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { FerryError } from '../../shared/errors';
import { MAX_PREVIEW_BYTES } from '../../shared/file-preview';
import { formatBytes } from '../../shared/format';
import { describeFsError } from '../fs/describe-fs-error';

/** A scheme (`http:`, `file:`, `C:`…) means the reference leaves the model's folder. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Reads a model and the files it references for a preview: only files inside
 * the model's own folder (or below it), never through a scheme, an absolute
 * path, `..` or a symbolic link out of it, and all of them together within
 * the preview cap, so a model cannot make Ferry read the disk at large.
 */
export class ResourceReader {
  private readonly folder: string;
  private used = 0;

  constructor(
    readonly modelPath: string,
    private readonly cap = MAX_PREVIEW_BYTES,
  ) {
    this.folder = dirname(modelPath);
  }

  get modelName(): string {
    return basename(this.modelPath);
  }

  /** The model (or image) file itself, no bigger than `limit`, counted against the cap. */
  async readModel(limit = this.cap): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = await this.readCounted(this.modelPath, limit);
    if (!bytes) throw gone(this.modelPath);
    return bytes;
  }

  /** A referenced file's bytes, or null when it is not there; a reference out of the folder is refused. */
  async readReference(reference: string): Promise<Uint8Array<ArrayBuffer> | null> {
    return this.readCounted(await this.inside(reference));
  }

  /** Counts bytes that did not come from a file (a glTF's data: URIs) against the same cap. */
  count(bytes: number): void {
    this.used += bytes;
    if (this.used > this.cap) throw this.tooBig();
  }

  private async inside(reference: string): Promise<string> {
    const unix = reference.replaceAll('\\', '/');
    if (SCHEME.test(unix) || unix.startsWith('/') || isAbsolute(reference)) throw this.refused(reference);
    const path = resolve(this.folder, unix);
    if (!within(this.folder, path)) throw this.refused(reference);
    const [realFolder, realPath] = await Promise.all([realpath(this.folder), realpath(path).catch(() => null)]);
    if (realPath !== null && !within(realFolder, realPath)) throw this.refused(reference);
    return path;
  }

  private async readCounted(path: string, limit = this.cap): Promise<Uint8Array<ArrayBuffer> | null> {
    let file: Awaited<ReturnType<typeof open>>;
    try {
      file = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw unreadable(path, error);
    }
    try {
      const { size } = await file.stat();
      if (size > limit) throw path === this.modelPath ? this.fileTooBig(size, limit) : this.tooBig();
      this.count(size);
      // A plain Uint8Array of its own, not a Buffer that may view a shared pool: structured clone would send the whole pool.
      return new Uint8Array(await file.readFile());
    } catch (error) {
      throw error instanceof FerryError ? error : unreadable(path, error);
    } finally {
      await file.close();
    }
  }

  private refused(reference: string): FerryError {
    return new FerryError(
      'conflict',
      `Ferry can't preview ${this.modelName}: it refers to "${reference}", outside the model's folder, which Ferry does not read for a preview. Open it in its own app.`,
    );
  }

  private fileTooBig(size: number, limit: number): FerryError {
    return new FerryError(
      'conflict',
      `${this.modelName} is ${formatBytes(size)}, more than the ${formatBytes(limit)} Ferry previews. Open it in its own app.`,
    );
  }

  private tooBig(): FerryError {
    return new FerryError(
      'conflict',
      `${this.modelName} with the files it uses is more than the ${formatBytes(this.cap)} Ferry previews. Open it in its own app.`,
    );
  }
}

function within(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest !== '' && rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}

export function gone(path: string): FerryError {
  return new FerryError(
    'not_found',
    `${path} is no longer there. It was moved or deleted outside Ferry; download it again if you need it.`,
  );
}

export function unreadable(path: string, error: unknown): FerryError {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return gone(path);
  return new FerryError(
    'storage',
    `Ferry could not read ${path} (${describeFsError(error)}). Check the file and try again.`,
  );
}
