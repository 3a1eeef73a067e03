import { describe, expect, it } from 'vitest';
import { timelineLines } from '../../renderer/components/details/timeline-lines';
import type { DownloadEvent } from '../../shared/download-history';

const now = new Date(2026, 4, 12, 15, 0, 0);
const at = (hours: number, minutes: number, day = 12) => new Date(2026, 4, day, hours, minutes).getTime();
const event = (kind: DownloadEvent['kind'], overrides: Partial<DownloadEvent> = {}): DownloadEvent => ({
  at: at(14, 30),
  kind,
  attempt: 1,
  message: null,
  ...overrides,
});

describe('timelineLines', () => {
  it('tells each event in words, with the reason of a retry or a failure, and numbers later starts', () => {
    const lines = timelineLines(
      [
        event('added', { attempt: 0 }),
        event('started'),
        event('retrying', { message: 'The server answered 503.' }),
        event('paused'),
        event('resumed'),
        event('started', { attempt: 2 }),
        event('failed', { attempt: 2, message: 'Not found (HTTP 404).' }),
        event('retried', { attempt: 2 }),
        event('started', { attempt: 3 }),
        event('done', { attempt: 3 }),
        event('verified', { attempt: 3, message: 'Every block matched its CID.' }),
      ],
      now,
    );
    expect(lines.map((line) => [line.text, line.tone])).toEqual([
      ['Added', null],
      ['Started', null],
      ['Retrying: The server answered 503.', null],
      ['Paused', null],
      ['Resumed', null],
      ['Started again (attempt 2)', null],
      ['Failed: Not found (HTTP 404).', 'problem'],
      ['Queued again to retry', null],
      ['Started again (attempt 3)', null],
      ['Finished', 'good'],
      ['Verified: Every block matched its CID.', 'good'],
    ]);
  });

  it("gives today's events their time alone, and older ones their date too", () => {
    const [today, earlier] = timelineLines(
      [event('added', { at: at(9, 5) }), event('added', { at: at(9, 5, 3) })],
      now,
    );
    expect(today?.when).toBe(new Date(at(9, 5)).toLocaleTimeString());
    expect(earlier?.when).toBe(new Date(at(9, 5, 3)).toLocaleString());
    expect(earlier?.when).not.toBe(today?.when);
    expect(today?.iso).toBe(new Date(at(9, 5)).toISOString());
  });
});
