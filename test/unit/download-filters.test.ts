import { describe, expect, it } from 'vitest';
import {
  type DownloadsView,
  defaultView,
  platformCounts,
  statusFilterCounts,
  visibleDownloadIds,
} from '../../renderer/store/download-filters';
import type { Download } from '../../shared/downloads';
import { download } from './download-fixture';

const view = (overrides: Partial<DownloadsView> = {}): DownloadsView => ({ ...defaultView, ...overrides });

const library: Record<number, Download> = {
  1: download({ id: 1, name: 'castle.glb', status: 'done', size: 300, received: 300, createdAt: 10 }),
  2: download({ id: 2, name: 'Tower.fbx', provider: 'scenario', status: 'downloading', size: 1000, createdAt: 30 }),
  3: download({ id: 3, name: 'brief.pdf', provider: 'delos', status: 'failed', size: null, createdAt: 20 }),
  4: download({ id: 4, name: 'castle-pack.zip', status: 'paused', size: 50, received: 40, createdAt: 40 }),
  5: download({ id: 5, name: 'wood.png', provider: 'scenario', status: 'canceled', size: 10, createdAt: 5 }),
  6: download({ id: 6, name: 'plan.txt', provider: 'delos', status: 'waiting', size: 2000, createdAt: 50 }),
};
const all = Object.values(library);

describe('statusFilterCounts', () => {
  it('counts each filter, paused with queued and canceled with failed', () => {
    expect(statusFilterCounts(all, view())).toEqual({ all: 6, active: 2, queued: 1, done: 1, failed: 2 });
  });

  it('counts within the chosen platform and search, whatever the chosen status', () => {
    expect(statusFilterCounts(all, view({ platform: 'scenario', status: 'done' }))).toEqual({
      all: 2,
      active: 1,
      queued: 0,
      done: 0,
      failed: 1,
    });
    expect(statusFilterCounts(all, view({ search: 'CASTLE' }))).toMatchObject({ all: 2, done: 1, queued: 1 });
  });
});

describe('platformCounts', () => {
  it('counts each platform within the chosen status and leaves out platforms with none', () => {
    expect(platformCounts(all, view())).toEqual({ http: 2, scenario: 2, delos: 2 });
    expect(platformCounts(all, view({ status: 'failed' }))).toEqual({ delos: 1, scenario: 1 });
  });
});

describe('visibleDownloadIds', () => {
  it('lists newest added first by default', () => {
    expect(visibleDownloadIds(library, {}, view())).toEqual([6, 4, 2, 3, 1, 5]);
  });

  it('filters by status, platform and every word of the search', () => {
    expect(visibleDownloadIds(library, {}, view({ status: 'active' }))).toEqual([6, 2]);
    expect(visibleDownloadIds(library, {}, view({ platform: 'delos' }))).toEqual([6, 3]);
    expect(visibleDownloadIds(library, {}, view({ search: 'pack castle' }))).toEqual([4]);
    expect(visibleDownloadIds(library, {}, view({ search: 'nothing' }))).toEqual([]);
  });

  it('sorts by name ignoring case, by size largest first (unknown last) and by progress', () => {
    expect(visibleDownloadIds(library, {}, view({ sort: 'name' }))).toEqual([3, 4, 1, 6, 2, 5]);
    expect(visibleDownloadIds(library, {}, view({ sort: 'size' }))).toEqual([6, 2, 1, 4, 5, 3]);
    const progress = { 2: { id: 2, received: 900, size: 1000, speed: 1, eta: 1 } };
    expect(visibleDownloadIds(library, progress, view({ sort: 'progress' }))).toEqual([1, 2, 4, 6, 5, 3]);
  });

  it('ignores the last progress report of a download that no longer runs', () => {
    const stale = { 4: { id: 4, received: 0, size: 50, speed: 0, eta: null } };
    expect(visibleDownloadIds(library, stale, view({ sort: 'progress' })).slice(0, 2)).toEqual([1, 4]);
  });
});
