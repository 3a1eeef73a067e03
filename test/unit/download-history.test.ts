import { describe, expect, it } from 'vitest';
import { applyControl } from '../../electron/downloads/download-controls';
import { recordInHistory } from '../../electron/downloads/history-recorder';
import { LibraryDatabase } from '../../electron/store/write-batch';
import { MAX_EVENTS_PER_DOWNLOAD } from '../../shared/download-history';
import { withLibrary } from '../support/with-library';

const library = withLibrary('ferry-history-');

function added(ref = 'https://example.com/a.bin') {
  return library.store.add({ ref, directory: '/downloads' }).id;
}

const kinds = (id: number) => library.store.history.of(id).map((event) => event.kind);

describe('the timeline of a download', () => {
  it('opens with when it was added, then numbers each start and keeps the retries inside their attempt', () => {
    const id = added();
    const { history } = library.store;
    history.record(id, 'started');
    history.record(id, 'retrying', 'The server answered 503 Service Unavailable.');
    history.record(id, 'paused');
    history.record(id, 'resumed');
    history.record(id, 'started');
    history.record(id, 'done');
    const events = history.of(id);
    expect(events.map(({ kind, attempt, message }) => [kind, attempt, message])).toEqual([
      ['added', 0, null],
      ['started', 1, null],
      ['retrying', 1, 'The server answered 503 Service Unavailable.'],
      ['paused', 1, null],
      ['resumed', 1, null],
      ['started', 2, null],
      ['done', 2, null],
    ]);
    expect(events[0]?.at).toBe(library.store.get(id)?.createdAt);
    expect(events.at(-1)?.at).toBeGreaterThanOrEqual(events[0]?.at ?? Number.POSITIVE_INFINITY);
  });

  it('never stores a secret a message carries', () => {
    const id = added();
    library.store.history.record(id, 'failed', 'GET https://cdn.example.com/a.bin?token=s3cr3t-value-42 answered 403.');
    const [, failed] = library.store.history.of(id);
    expect(failed?.message).toBe('GET https://cdn.example.com/a.bin?token=[redacted] answered 403.');
    const stored = library.db.prepare('SELECT message FROM download_events').all();
    expect(JSON.stringify(stored)).not.toContain('s3cr3t');
  });

  it(`keeps only the newest ${MAX_EVENTS_PER_DOWNLOAD} events of a flapping download, and its attempt count`, () => {
    const id = added();
    const other = added('https://example.com/b.bin');
    const { history } = library.store;
    history.record(other, 'started');
    for (let attempt = 1; attempt <= 20; attempt++) {
      history.record(id, 'started');
      for (let retry = 1; retry <= 4; retry++) history.record(id, 'retrying', `attempt ${attempt}, retry ${retry}`);
    }
    const events = history.of(id);
    expect(events).toHaveLength(MAX_EVENTS_PER_DOWNLOAD + 1);
    expect(events[0]?.kind).toBe('added');
    expect(events.at(-1)).toMatchObject({ kind: 'retrying', attempt: 20, message: 'attempt 20, retry 4' });
    expect(events[1]).toMatchObject({ kind: 'started', attempt: 11, message: null });
    // Another download's events are not the cap's to drop.
    expect(kinds(other)).toEqual(['added', 'started']);
  });

  it('goes with its download, and is not written for a download removed meanwhile', () => {
    const kept = added();
    const removed = added('https://example.com/b.bin');
    library.store.history.record(kept, 'started');
    library.store.history.record(removed, 'started');
    library.store.remove([removed]);
    library.store.history.record(removed, 'failed', 'too late');
    const rows = library.db.prepare('SELECT download_id FROM download_events').all();
    expect(rows).toEqual([{ download_id: kept }]);
    expect(library.store.history.of(removed)).toEqual([]);
  });

  it('is written in the turn of writes the library commits together, not in a commit of its own', async () => {
    const id = added();
    expect(library.db).toBeInstanceOf(LibraryDatabase);
    library.store.history.record(id, 'started');
    expect((library.db as LibraryDatabase).batchOpen).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect((library.db as LibraryDatabase).batchOpen).toBe(false);
    expect(kinds(id)).toEqual(['added', 'started']);
  });
});

describe('what goes into the timeline', () => {
  it("records a person's pause, resume, cancel and retry only where they changed something", async () => {
    const first = added();
    const second = added('https://example.com/b.bin');
    await applyControl(library.store, 'pause', [first]);
    await applyControl(library.store, 'pause', 'all');
    await applyControl(library.store, 'resume', 'all');
    await applyControl(library.store, 'cancel', [second]);
    await applyControl(library.store, 'retry', [first, second]);
    expect(kinds(first)).toEqual(['added', 'paused', 'resumed']);
    expect(kinds(second)).toEqual(['added', 'paused', 'resumed', 'canceled', 'retried']);
  });

  it("records starts, failures with their reason and the outcome from the scheduler's events", () => {
    const id = added();
    const cid = library.store.add({ ref: 'cid:bafkqaaa', provider: 'cid', directory: '/downloads' }).id;
    recordInHistory(library.store, { event: 'started', id });
    recordInHistory(library.store, { event: 'progress', id, received: 10, size: 100, speed: 5, eta: 18 });
    recordInHistory(library.store, { event: 'failed', id, error: { code: 'http_4xx', message: 'Answered 404.' } });
    recordInHistory(library.store, { event: 'done', id: cid, path: '/d/a', size: 1, sha256: null, unpackedTo: null });
    expect(library.store.history.of(id).map(({ kind, message }) => [kind, message])).toEqual([
      ['added', null],
      ['started', null],
      ['failed', 'Answered 404.'],
    ]);
    expect(kinds(cid)).toEqual(['added', 'done', 'verified']);
  });

  it('says so when Ferry, not a person, stopped a download and put it back in its queue', () => {
    const id = added();
    recordInHistory(library.store, { event: 'paused', id });
    expect(library.store.history.of(id).at(-1)?.message).toMatch(/^Ferry stopped it for now/);
    library.store.transition([id], ['queued'], 'paused');
    recordInHistory(library.store, { event: 'paused', id });
    expect(kinds(id)).toEqual(['added', 'paused']);
  });
});
