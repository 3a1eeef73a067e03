import type { Settings } from '../../shared/settings';
import type { EventHub } from '../ipc/event-hub';
import { BusyDownloads, shouldBlockSleep } from './power-model';

/** What keeps the computer awake: Electron's power-save blocker in the app, a recording in tests. */
export interface SleepBlocker {
  keepAwake(): void;
  allowSleep(): void;
}

/**
 * Keeps the computer awake while downloads are busy and the setting allows,
 * following the same events the window hears. Tells the blocker only when
 * the answer changes. Returns the unsubscribe, which lets the computer sleep.
 */
export function guardSleep(events: EventHub, settings: () => Settings, blocker: SleepBlocker): () => void {
  const busy = new BusyDownloads();
  let blocking = false;
  const update = () => {
    const wanted = shouldBlockSleep(busy.count, settings().preventSleepWhileDownloading);
    if (wanted === blocking) return;
    blocking = wanted;
    if (wanted) blocker.keepAwake();
    else blocker.allowSleep();
  };
  const unsubscribe = events.subscribe((event) => {
    if (event.event === 'downloads:changed') busy.changed(event.payload);
    else if (event.event === 'downloads:removed') busy.removed(event.payload);
    else if (event.event !== 'settings:changed') return;
    update();
  });
  return () => {
    unsubscribe();
    if (blocking) blocker.allowSleep();
    blocking = false;
  };
}
