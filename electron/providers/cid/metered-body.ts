import { EngineError, fromNetworkError } from '../../engine/engine-error';
import { discard, type HttpResponse } from '../../engine/http-request';

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
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let total = 0;
  try {
    for (;;) {
      const next = await nextChunk(chunks, meter);
      if (next.done) return;
      await meter.throttle(next.value.length);
      total += next.value.length;
      meter.received(total);
      yield next.value;
    }
  } finally {
    discard(body);
  }
}

function nextChunk(chunks: AsyncIterator<Buffer>, meter: BodyMeter): Promise<IteratorResult<Buffer>> {
  const { signal } = meter;
  const stallMs = meter.stallMs ?? STALL_MS;
  return new Promise((resolve, reject) => {
    const stalled = () =>
      reject(
        new EngineError('timeout', `${meter.host} stopped sending data for ${Math.round(stallMs / 1000)} s.`, {
          retryable: true,
        }),
      );
    const aborted = () => reject(signal.reason);
    const timer = setTimeout(stalled, stallMs);
    signal.addEventListener('abort', aborted, { once: true });
    chunks
      .next()
      .then(resolve, (error: unknown) => reject(signal.aborted ? signal.reason : fromNetworkError(error, meter.host)))
      .finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', aborted);
      });
  });
}
