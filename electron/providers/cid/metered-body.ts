import { discard, type HttpResponse } from '../../engine/http-request';
import { WatchedBody } from '../../engine/watched-body';
import { countReceived } from './young-garbage';

/** No byte for this long means the server stalled: the attempt fails and is retried. */
const STALL_MS = 30_000;

export interface BodyMeter {
  /** Who sends it, for messages. */
  host: string;
  signal: AbortSignal;
  /** Waits as the speed limits ask before the bytes are passed on. */
  throttle(bytes: number): Promise<void>;
  /** Called with the bytes received so far. */
  received(total: number): void;
  stallMs?: number;
}

/**
 * A response body as chunks, under the speed limits, counted for progress.
 * Whatever breaks the body (a reset, a stall) is thrown as the engine's
 * retryable network or timeout error, so callers can tell it from bad content.
 */
export async function* meteredBody(body: HttpResponse['body'], meter: BodyMeter): AsyncGenerator<Buffer> {
  const chunks = new WatchedBody(body[Symbol.asyncIterator]() as AsyncIterator<Buffer>, {
    signal: meter.signal,
    stallMs: meter.stallMs ?? STALL_MS,
    host: meter.host,
  });
  let total = 0;
  try {
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      await meter.throttle(next.value.length);
      total += next.value.length;
      countReceived(next.value.length);
      meter.received(total);
      yield next.value;
    }
  } finally {
    chunks.close();
    discard(body);
  }
}
