import { powerMonitor, powerSaveBlocker } from 'electron';
import type { Services } from '../services';
import { guardSleep } from './sleep-guard';

/**
 * Keeps the computer from sleeping while downloads run (as the setting says),
 * and when it sleeps anyway (the lid closed), pauses and saves what runs, so
 * no connection dies mid-file, then continues on waking.
 */
export function installPower(services: Services): void {
  let blocker: number | null = null;
  guardSleep(services.events, () => services.settings.get(), {
    keepAwake() {
      blocker = powerSaveBlocker.start('prevent-app-suspension');
    },
    allowSleep() {
      if (blocker !== null && powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
      blocker = null;
    },
  });
  powerMonitor.on('suspend', () => {
    services.logger.info('The computer is going to sleep: pausing running downloads until it wakes.');
    void services.downloads.suspend();
  });
  powerMonitor.on('resume', () => {
    services.logger.info('The computer woke up: downloads continue.');
    services.downloads.wake();
  });
}
