import { discard, type HttpResponse, host } from './http-request';
import type { PassContext } from './pass-context';
import type { Segment } from './segments';
import { SequentialWriter } from './sequential-writer';
import { WatchedBody } from './watched-body';

const LIMITED_SLICE_BYTES = 16 * 1024;
/** Per transfer, split among its connections: 4 MiB batches measured twice as fast as 64 KiB writes. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;
const MIN_BATCH_BYTES = 512 * 1024;

/** Streams a body into the part at the segment's offset, stopping at its (possibly shrunk) end. */
export async function pumpSegment(pass: PassContext, body: HttpResponse['body'], segment: Segment): Promise<void> {
  const chunks = new WatchedBody(body[Symbol.asyncIterator](), {
    signal: pass.signal,
    stallMs: pass.settings.stallTimeoutMs,
    host: host(pass.remote.target.url),
    slow: pass.settings.slow,
  });
  segment.taken = segment.pos;
  const writer = new SequentialWriter(pass.part, segment.pos, batchBytes(pass), (written) => {
    segment.pos = written;
    pass.wrote();
  });
  try {
    while (writer.next < segment.end) {
      const next = await chunks.next();
      if (next.done) return;
      await store(pass, next.value, segment, writer);
    }
  } finally {
    chunks.close();
    discard(body);
    await writer.drain();
  }
}

function isLimited(pass: PassContext): boolean {
  return pass.settings.limits.some((bucket) => bucket.bytesPerSecond > 0);
}

/** Big batches at full speed, shared out among connections to bound memory; small ones under a limit. */
function batchBytes(pass: PassContext): number {
  if (isLimited(pass)) return LIMITED_SLICE_BYTES;
  return Math.max(MIN_BATCH_BYTES, Math.floor(WRITE_BUFFER_BYTES / pass.connections));
}

/**
 * Under a speed limit a socket chunk (often hundreds of KiB on a fast link)
 * goes through in small slices, so a limit change applies within one slice.
 */
async function store(pass: PassContext, chunk: Buffer, segment: Segment, writer: SequentialWriter): Promise<void> {
  const sliceSize = isLimited(pass) ? LIMITED_SLICE_BYTES : chunk.length;
  for (let offset = 0; offset < chunk.length; offset += sliceSize) {
    // Another connection may have stolen the tail of this segment meanwhile.
    const room = segment.end - writer.next;
    if (room <= 0) return;
    const slice = chunk.subarray(offset, offset + Math.min(sliceSize, room));
    for (const bucket of pass.settings.limits) await bucket.take(slice.length, pass.signal);
    segment.taken = writer.next + slice.length;
    await writer.add(slice);
  }
}

/** The next chunk, or a retryable timeout when the server goes quiet. */
