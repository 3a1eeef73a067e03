import { EngineError, fromNetworkError } from './engine-error';

/**
 * The next chunk of a body, or a retryable timeout when the server goes quiet
 * for `stallMs`. A pause or cancel rejects at once with the signal's reason;
 * a socket error becomes the engine's network error for that host.
 */
export function nextChunk(
  chunks: AsyncIterator<Buffer>,
  watch: { signal: AbortSignal; stallMs: number; host: string },
): Promise<IteratorResult<Buffer>> {
  const { signal, stallMs, host } = watch;
  return new Promise((resolve, reject) => {
    const stalled = () =>
      reject(new EngineError('timeout', `${host} stopped sending data for ${duration(stallMs)}.`, { retryable: true }));
    const aborted = () => reject(signal.reason);
    const timer = setTimeout(stalled, stallMs);
    signal.addEventListener('abort', aborted, { once: true });
    chunks
      .next()
      .then(resolve, (error: unknown) => reject(signal.aborted ? signal.reason : fromNetworkError(error, host)))
      .finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', aborted);
      });
  });
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
