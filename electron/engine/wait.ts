import { setTimeout as sleep } from 'node:timers/promises';
import { canceled } from './engine-error';

/** Waits; a pause or cancel ends the wait at once, clearing the timer, with the engine's own "stopped" error. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => {
    throw canceled();
  });
}
