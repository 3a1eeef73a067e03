import type { DownloadStore } from '../store/download-store';
import type { SchedulerEvent } from './scheduler-events';

/**
 * Writes into a download's timeline what the scheduler tells of it: each
 * start, a failure with its reason, the outcome. A person's pause, resume,
 * cancel and retry are written where they are applied (`applyControl`), and
 * retries where the engine reports them (the runner).
 */
export function recordInHistory(store: DownloadStore, event: SchedulerEvent): void {
  const { history } = store;
  if (event.event === 'started') history.record(event.id, 'started');
  if (event.event === 'failed') history.record(event.id, 'failed', event.error.message);
  if (event.event === 'paused' && store.statuses([event.id]).get(event.id) === 'queued') {
    // Not a person's pause: Ferry quit, or the download's queue closed for the day.
    history.record(event.id, 'paused', 'Ferry stopped it for now; it waits in its queue and resumes where it stopped.');
  }
  if (event.event !== 'done') return;
  history.record(event.id, 'done', event.unpackedTo ? `Unpacked into ${event.unpackedTo}` : null);
  if (store.get(event.id)?.provider === 'cid') history.record(event.id, 'verified', 'Every block matched its CID.');
}
