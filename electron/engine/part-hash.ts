import { createHash, type Hash } from 'node:crypto';

/** Reads up to `length` bytes of the part at `position` into `buffer`; resolves with how many it read. */
export type ReadAt = (buffer: Buffer, length: number, position: number) => Promise<number>;

/** A run of bytes, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** What one read-back step reads: the only memory catching up takes, however big the file. */
const READ_BACK_BYTES = 1024 * 1024;

/**
 * The sha256 of a part, computed while its bytes arrive, so a finished file is
 * never read again. sha256 takes bytes in order only: bytes written right at
 * the end of the hashed prefix are hashed from memory as they are written;
 * bytes written further on (another connection's segment, what an earlier run
 * left) are only noted, and read back from the part once the prefix reaches
 * them. Keeping them in memory instead would hold up to (n-1)/n of the file
 * with n connections, gigabytes for a big file; read back soon after they were
 * written, they mostly come from the page cache, one fixed buffer at a time.
 */
export class PartHash {
  private hash: Hash = createHash('sha256');
  /** Bytes before this offset are in the hash. */
  private hashed = 0;
  /** On disk past the prefix and not hashed yet: sorted, disjoint, adjacent ones merged. */
  private pending: Span[] = [];
  private catchingUp: Promise<void> | null = null;
  /** Bumped when the part is emptied: a read-back still in flight read the old bytes and is dropped. */
  private generation = 0;
  /** Some bytes were written twice: only reading the whole part back can be trusted then. */
  private overwritten = false;

  constructor(private readonly readAt: ReadAt) {}

  /** The buffers are on disk, back to back from `position`. */
  wrote(position: number, buffers: readonly Buffer[]): void {
    if (this.overwritten) return;
    const end = buffers.reduce((offset, buffer) => offset + buffer.length, position);
    if (this.overlaps(position, end)) {
      this.overwritten = true;
      return;
    }
    if (position === this.hashed && this.catchingUp === null) {
      for (const buffer of buffers) this.hash.update(buffer);
      this.hashed = end;
    } else {
      this.note({ start: position, end });
    }
    this.catchUp();
  }

  /** Bytes an earlier run left in the part: they are read back once, while the download goes on. */
  alreadyWritten(spans: readonly Span[]): void {
    for (const span of spans) if (span.end > span.start) this.note(span);
    this.catchUp();
  }

  /** The part was emptied for a new pass from zero. */
  restart(): void {
    this.generation++;
    this.hash = createHash('sha256');
    this.hashed = 0;
    this.pending = [];
    this.catchingUp = null;
    this.overwritten = false;
  }

  /** The hash of the part's first `size` bytes, all on disk by now: reads back only what was not hashed yet. */
  async digest(size: number): Promise<string> {
    if (this.overwritten || this.hashed > size) this.restart();
    while (this.catchingUp) await this.catchingUp;
    this.pending = this.hashed < size ? [{ start: this.hashed, end: size }] : [];
    await this.readBack(this.generation);
    if (this.hashed !== size) throw new Error(`the part ended after ${this.hashed} of its ${size} bytes`);
    return this.hash.copy().digest('hex');
  }

  private overlaps(start: number, end: number): boolean {
    return start < this.hashed || this.pending.some((span) => span.start < end && start < span.end);
  }

  private note(span: Span): void {
    const sorted = [...this.pending, { ...span }].sort((a, b) => a.start - b.start);
    this.pending = [];
    for (const next of sorted) {
      const last = this.pending.at(-1);
      if (last && last.end === next.start) last.end = next.end;
      else this.pending.push(next);
    }
  }

  /**
   * Starts reading back when the prefix has reached noted bytes. A failed read
   * (the part was closed by a pause) is let go: the next write or `digest`
   * tries again, and `digest` reports it if it still fails.
   */
  private catchUp(): void {
    if (this.catchingUp || this.pending[0]?.start !== this.hashed) return;
    const generation = this.generation;
    const settle = (again: boolean) => {
      if (generation !== this.generation) return;
      this.catchingUp = null;
      if (again) this.catchUp();
    };
    this.catchingUp = this.readBack(generation).then(
      () => settle(true),
      () => settle(false),
    );
  }

  private async readBack(generation: number): Promise<void> {
    if (this.pending[0]?.start !== this.hashed) return;
    const buffer = Buffer.allocUnsafe(READ_BACK_BYTES);
    for (let span = this.pending[0]; span?.start === this.hashed; span = this.pending[0]) {
      const read = await this.readAt(buffer, Math.min(buffer.length, span.end - span.start), span.start);
      if (generation !== this.generation) return;
      if (read === 0) throw new Error(`the part ended after ${this.hashed} bytes`);
      this.hash.update(buffer.subarray(0, read));
      this.hashed += read;
      // Notes made while reading may have merged spans: the first one still starts where this read began.
      const first = this.pending[0] as Span;
      first.start = this.hashed;
      if (first.start >= first.end) this.pending.shift();
    }
  }
}
