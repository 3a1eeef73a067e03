import { UnpackError } from './archive-entry';

/**
 * Reads exact byte counts from a stream of chunks, which is how TAR is laid
 * out: fixed 512-byte headers, each followed by its file's bytes.
 */
export class ByteReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private buffered: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** Exactly `length` bytes, or null when the stream ends cleanly before the first of them. */
  async take(length: number): Promise<Buffer | null> {
    while (this.buffered.length < length) {
      if (!(await this.fill())) break;
    }
    if (this.buffered.length === 0 && length > 0) return null;
    if (this.buffered.length < length) throw truncated();
    const taken = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return taken;
  }

  /** The next `length` bytes as they arrive, without holding them all in memory. */
  async *stream(length: number): AsyncGenerator<Buffer> {
    for (let left = length; left > 0; ) {
      const piece = await this.piece(left);
      left -= piece.length;
      yield piece;
    }
  }

  /** Reads past bytes nobody needs: a compressed stream cannot seek. */
  async skip(length: number): Promise<void> {
    for (let left = length; left > 0; ) left -= (await this.piece(left)).length;
  }

  /** Up to `max` bytes, at least one. */
  private async piece(max: number): Promise<Buffer> {
    if (this.buffered.length === 0 && !(await this.fill())) throw truncated();
    const piece = this.buffered.subarray(0, Math.min(max, this.buffered.length));
    this.buffered = this.buffered.subarray(piece.length);
    return piece;
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffered = this.buffered.length === 0 ? next.value : Buffer.concat([this.buffered, next.value]);
    return true;
  }
}

function truncated(): UnpackError {
  return new UnpackError('The archive ends in the middle of a file: it is incomplete or damaged. Download it anew.');
}
