import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { formatBytes } from '../../shared/format';
import { defaultSettings, type Settings } from '../../shared/settings';
import { UnpackError } from './archive-entry';

/** How far one archive may expand; a ZIP bomb is stopped by these, not by the disk filling up. */
export interface UnpackLimits {
  /** Bytes written per byte of archive. */
  maxRatio: number;
  /** Bytes written in all. */
  maxBytes: number;
  /** Entries of any kind, links and folders included: each costs work even when nothing is written. */
  maxEntries: number;
}

/**
 * Small archives may always write this much whatever their ratio: a ZIP of a
 * few blank textures or an empty CSV compresses far beyond any sane ratio, and
 * writing a few MiB harms nobody.
 */
const RATIO_GRACE_BYTES = 16 * 1024 * 1024;

export function unpackLimitsOf(
  settings: Pick<Settings, 'unpackMaxRatio' | 'unpackMaxGiB' | 'unpackMaxEntries'>,
): UnpackLimits {
  return {
    maxRatio: settings.unpackMaxRatio,
    maxBytes: Math.round(settings.unpackMaxGiB * 1024 ** 3),
    maxEntries: settings.unpackMaxEntries,
  };
}

export const defaultUnpackLimits: UnpackLimits = unpackLimitsOf(defaultSettings(''));

/**
 * Counts what one unpack writes, on the bytes that actually come out of the
 * archive (never on the sizes its headers claim, which may lie), and stops it
 * with an `UnpackError` naming the limit as soon as one is crossed.
 */
export class UnpackBudget {
  private written = 0;
  private entries = 0;

  /** `passing` names an archive nobody keeps (a platform's answer) in messages, in place of the file. */
  constructor(
    private readonly archive: string,
    private readonly archiveBytes: number,
    private readonly limits: UnpackLimits,
    private readonly passing?: string,
  ) {}

  /** Before the archive is read, what its listing claims: a ZIP that admits to a bomb is refused before writing. */
  checkListing(entries: number, bytes: number): void {
    if (entries > this.limits.maxEntries) throw this.tooManyEntries();
    this.checkBytes(bytes);
  }

  countEntry(): void {
    this.entries++;
    if (this.entries > this.limits.maxEntries) throw this.tooManyEntries();
  }

  take(bytes: number): void {
    this.written += bytes;
    this.checkBytes(this.written);
  }

  /** The body as it is read, each chunk counted before it goes on to the disk. */
  metered(body: Readable | Buffer): Readable | Buffer {
    if (Buffer.isBuffer(body)) {
      this.take(body.length);
      return body;
    }
    return Readable.from(this.counted(body), { objectMode: false });
  }

  private async *counted(body: Readable): AsyncGenerator<Buffer> {
    for await (const chunk of body) {
      this.take((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  }

  private checkBytes(bytes: number): void {
    if (bytes > this.limits.maxBytes) {
      throw this.stopped(
        `would write more than ${formatBytes(this.limits.maxBytes)}`,
        'Largest unpack (GiB)',
        'unpackMaxGiB',
      );
    }
    if (bytes > RATIO_GRACE_BYTES && bytes > this.archiveBytes * this.limits.maxRatio) {
      throw this.stopped(
        `would expand past ${this.limits.maxRatio} times its size`,
        'Largest expansion (times the archive)',
        'unpackMaxRatio',
      );
    }
  }

  private tooManyEntries(): UnpackError {
    return this.stopped(
      `holds more than ${this.limits.maxEntries.toLocaleString('en-US')} ${this.limits.maxEntries === 1 ? 'entry' : 'entries'}`,
      'Most entries in an archive',
      'unpackMaxEntries',
    );
  }

  private stopped(what: string, field: string, key: string): UnpackError {
    const limit = `(the limit in Settings › Unpacking › ${field}, ${key} in settings.json)`;
    if (this.passing) {
      return new UnpackError(
        `Unpacking stopped: ${this.passing} ${what} ${limit}. Nothing was kept; raise the limit if you trust it, then retry.`,
      );
    }
    return new UnpackError(
      `Unpacking stopped: ${basename(this.archive)} ${what} ${limit}. ` +
        `What it wrote was removed and the archive is kept at ${this.archive}; raise the limit if you trust it.`,
    );
  }
}
