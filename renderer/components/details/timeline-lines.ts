import type { DownloadEvent } from '../../../shared/download-history';

/** One line of the Details panel's timeline: when, and what happened in words. */
export interface TimelineLine {
  /** The time of day, with the date when it was not today. */
  when: string;
  /** The full date and time, for a tooltip and the `<time>` element. */
  iso: string;
  text: string;
  /** The failure stands out; the finish reads as good news. A retry is neither: most end well. */
  tone: 'problem' | 'good' | null;
}

const words: Record<DownloadEvent['kind'], string> = {
  added: 'Added',
  started: 'Started',
  retrying: 'Retrying',
  paused: 'Paused',
  resumed: 'Resumed',
  canceled: 'Canceled',
  retried: 'Queued again to retry',
  failed: 'Failed',
  done: 'Finished',
  verified: 'Verified',
};

/** Oldest first, as the history comes; `now` decides which times need their date. */
export function timelineLines(events: readonly DownloadEvent[], now = new Date()): TimelineLine[] {
  return events.map((event) => {
    const at = new Date(event.at);
    const today = at.toDateString() === now.toDateString();
    return {
      when: today ? at.toLocaleTimeString() : at.toLocaleString(),
      iso: at.toISOString(),
      text: textOf(event),
      tone: toneOf(event),
    };
  });
}

function textOf(event: DownloadEvent): string {
  const said =
    event.kind === 'started' && event.attempt > 1 ? `Started again (attempt ${event.attempt})` : words[event.kind];
  return event.message ? `${said}: ${event.message}` : said;
}

function toneOf(event: DownloadEvent): TimelineLine['tone'] {
  if (event.kind === 'failed') return 'problem';
  return event.kind === 'done' || event.kind === 'verified' ? 'good' : null;
}
