import type { createDecoder } from '@ipld/car/decoder';

type BytesReader = Parameters<typeof createDecoder>[0];

/**
 * The byte reader @ipld/car's decoder walks a CAR with, over the chunks of a
 * response as they arrive. The library's own stream reader copies everything
 * it still holds into a new array each time it needs more bytes, so each
 * block of a large file is copied two or three times and the garbage
 * collector spends as long as the hashing. This one hands out views of the
 * chunks and copies only the bytes of a read that spans two chunks: each
 * block once at most.
 */
export function carBytesReader(chunks: AsyncIterable<Uint8Array>): BytesReader {
  const source = chunks[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  /** Where the first held chunk's unread bytes start. */
  let offset = 0;
  let available = 0;
  let pos = 0;
  let ended = false;
  /** Bytes a seek went past before they arrived (a CARv2 header skips to its data). */
  let toDrop = 0;

  const fill = async (length: number) => {
    while (available < length && !ended) {
      const next = await source.next();
      if (next.done) {
        ended = true;
      } else {
        const dropped = Math.min(toDrop, next.value.byteLength);
        toDrop -= dropped;
        if (dropped < next.value.byteLength) held.push(next.value.subarray(dropped));
        available += next.value.byteLength - dropped;
      }
    }
  };

  const peek = (length: number): Uint8Array => {
    const first = held[0];
    if (!first) return new Uint8Array(0);
    if (first.byteLength - offset >= length) return first.subarray(offset, offset + length);
    const out = new Uint8Array(length);
    let filled = 0;
    let start = offset;
    for (const chunk of held) {
      const part = chunk.subarray(start, start + length - filled);
      out.set(part, filled);
      filled += part.byteLength;
      start = 0;
      if (filled === length) break;
    }
    return out;
  };

  const skip = (length: number) => {
    pos += length;
    toDrop += Math.max(0, length - available);
    const skipped = Math.min(length, available);
    available -= skipped;
    offset += skipped;
    for (let first = held[0]; first && offset >= first.byteLength; first = held[0]) {
      offset -= first.byteLength;
      held.shift();
    }
  };

  return {
    async upTo(length) {
      await fill(length);
      return peek(Math.min(length, available));
    },
    async exactly(length, seek = false) {
      await fill(length);
      // The decoder's own wording for a CAR that ends inside a block.
      if (available < length) throw new Error('Unexpected end of data');
      const out = peek(length);
      if (seek) skip(length);
      return out;
    },
    seek: skip,
    get pos() {
      return pos;
    },
  };
}
