import type { Engine } from '../engine/engine';
import { failpoint, failpointArmed } from '../failpoint';

/**
 * The engine's finishing steps as failpoints (see `failpoint`), reached
 * through the hooks it already calls, so the engine itself holds none: it
 * reports `verifying` once the last byte is written, and announces the final
 * name once the part is flushed, just before the move. Without a failpoint
 * set, the engine is returned as it is.
 */
export function withFinishingFailpoints(engine: Engine): Engine {
  if (!failpointArmed) return engine;
  const watched = Object.create(engine) as Engine;
  watched.transfer = (request) =>
    engine.transfer({
      ...request,
      onProgress: (progress) => {
        if (progress.status === 'verifying') failpoint('after-last-byte');
        request.onProgress?.(progress);
      },
      onCheckpoint: (state) => {
        if (state.finishing) failpoint('after-fsync');
        return request.onCheckpoint?.(state);
      },
    });
  return watched;
}
