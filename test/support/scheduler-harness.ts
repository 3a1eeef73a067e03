import { Scheduler } from '../../electron/downloads/scheduler';
import type { SchedulerEvent } from '../../electron/downloads/scheduler-events';
import type { Engine } from '../../electron/engine/engine';
import type { Provider } from '../../electron/providers/provider';
import { createProviderRegistry } from '../../electron/providers/registry';
import type { DownloadStore } from '../../electron/store/download-store';
import { captureLogger } from './capture-logger';

/**
 * A scheduler over a test's library with one provider the test plays. Its poll
 * for other processes is an hour: tests wake it with what it hears, or `poke()`.
 */
export function schedulerFor(
  library: { store: DownloadStore; engine: Engine },
  provider: Provider,
  onEvent?: (event: SchedulerEvent) => void,
): Scheduler {
  return new Scheduler({
    ...library,
    providers: createProviderRegistry([provider]),
    logger: captureLogger(),
    maxParallel: 2,
    pollIntervalMs: 3_600_000,
    onEvent,
  });
}

/** Waits on the event loop itself, so it works under fake timers too. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
