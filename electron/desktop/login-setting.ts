import type { Settings } from '../../shared/settings';
import { describeFsError } from '../fs/describe-fs-error';
import type { EventHub } from '../ipc/event-hub';
import type { Logger } from '../logs/logger';

/**
 * Makes the system's "open at login" match the setting: once at start (the
 * person may have changed it in the system's own preferences, or copied a
 * profile) and whenever the setting changes. A failure is logged with what to
 * do; the setting itself stays as the person chose it.
 */
export function followLoginSetting(
  events: EventHub,
  settings: () => Settings,
  apply: (openAtLogin: boolean) => Promise<void>,
  logger: Logger,
): () => void {
  let applied: boolean | null = null;
  const update = async (openAtLogin: boolean) => {
    if (openAtLogin === applied) return;
    applied = openAtLogin;
    try {
      await apply(openAtLogin);
      logger.info(openAtLogin ? 'Ferry will start at login.' : 'Ferry will not start at login.');
    } catch (error) {
      logger.warn(
        `Ferry could not change whether it starts at login (${describeFsError(error)}). ` +
          'Add or remove it in your system’s startup applications instead.',
      );
    }
  };
  void update(settings().openAtLogin);
  return events.subscribe((event) => {
    if (event.event === 'settings:changed') void update(event.payload.openAtLogin);
  });
}
