import { describe, expect, it } from 'vitest';
import {
  actionRules,
  actionsFor,
  assertMoves,
  canMove,
  type DownloadStatus,
  downloadStatuses,
  IllegalTransitionError,
  inFlightStatuses,
  isBusy,
  statusesInto,
} from '../../shared/download-status';
import { withLibrary } from '../support/with-library';

/** Every move, written out by hand: a change to the state machine must change this table too. */
const expected: Record<DownloadStatus, DownloadStatus[]> = {
  queued: ['resolving', 'waiting', 'downloading', 'paused', 'done', 'unpacking', 'failed', 'canceled'],
  resolving: ['queued', 'waiting', 'downloading', 'paused', 'done', 'unpacking', 'failed', 'canceled'],
  waiting: ['queued', 'waiting', 'downloading', 'paused', 'done', 'unpacking', 'failed', 'canceled'],
  downloading: ['queued', 'waiting', 'paused', 'verifying', 'done', 'unpacking', 'failed', 'canceled'],
  verifying: ['queued', 'paused', 'done', 'unpacking', 'failed', 'canceled'],
  paused: ['queued', 'done', 'unpacking', 'canceled'],
  unpacking: ['done', 'failed', 'canceled'],
  done: [],
  failed: ['queued', 'unpacking', 'canceled'],
  canceled: ['queued', 'done', 'unpacking'],
};

const everyPair = downloadStatuses.flatMap((from) => downloadStatuses.map((to) => [from, to] as const));

describe('the download state machine', () => {
  it.each(everyPair)('%s -> %s is allowed exactly when the table says so', (from, to) => {
    expect(canMove(from, to)).toBe(expected[from].includes(to));
  });

  it('names the forbidden part of a request in its error', () => {
    expect(() => assertMoves(['failed', 'done'], 'queued')).toThrow(
      expect.objectContaining({ name: 'IllegalTransitionError', from: ['done'], to: 'queued' }),
    );
    expect(() => assertMoves(['failed', 'canceled'], 'queued')).not.toThrow();
  });

  it('lists where a download may come from to reach a status', () => {
    expect(statusesInto('failed')).toEqual(['queued', 'resolving', 'waiting', 'downloading', 'verifying', 'unpacking']);
    expect(statusesInto('queued')).not.toContain('done');
  });

  it('gives every person action a move the table allows, and offers it only where it applies', () => {
    for (const [action, rule] of Object.entries(actionRules)) {
      for (const from of rule.from) expect(canMove(from, rule.to), `${action} from ${from}`).toBe(true);
    }
    expect(Object.fromEntries(downloadStatuses.map((status) => [status, actionsFor(status)]))).toEqual({
      queued: ['pause', 'cancel'],
      resolving: ['pause', 'cancel'],
      waiting: ['pause', 'cancel'],
      downloading: ['pause', 'cancel'],
      paused: ['resume', 'cancel'],
      verifying: [],
      unpacking: ['cancel'],
      done: [],
      failed: ['retry', 'cancel'],
      canceled: ['retry'],
    });
  });

  it('says which statuses are in flight and which are busy', () => {
    expect(inFlightStatuses).toEqual(['resolving', 'waiting', 'downloading', 'verifying']);
    expect(downloadStatuses.filter(isBusy)).toEqual(['resolving', 'waiting', 'downloading', 'verifying', 'unpacking']);
  });
});

describe('the library follows the state machine', () => {
  const library = withLibrary();

  /** A download put straight into a status, as a library written by any process may hold it. */
  function downloadIn(status: DownloadStatus): number {
    const { id } = library.store.add({ ref: 'https://a/file', directory: '/d' });
    library.db.prepare('UPDATE downloads SET status = ? WHERE id = ?').run(status, id);
    return id;
  }

  it.each(everyPair)('%s -> %s moves the row when allowed and throws otherwise', (from, to) => {
    const id = downloadIn(from);
    if (expected[from].includes(to)) {
      expect(library.store.transition([id], [from], to)).toBe(1);
      expect(library.store.get(id)?.status).toBe(to);
    } else {
      expect(() => library.store.transition([id], [from], to)).toThrow(IllegalTransitionError);
      expect(library.store.get(id)?.status).toBe(from);
    }
  });

  it('moves only rows still in a status the request names: another process may have moved them', () => {
    const paused = downloadIn('paused');
    const queued = downloadIn('queued');
    expect(library.store.transition([paused, queued], ['queued'], 'downloading')).toBe(1);
    expect(library.store.get(paused)?.status).toBe('paused');
  });
});
