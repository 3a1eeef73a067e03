import { describe, expect, it } from 'vitest';
import { announcement, settledDownloads } from '../../renderer/store/announcements';
import type { Download } from '../../shared/downloads';
import { download } from './download-fixture';

function byId(...downloads: Download[]): Record<number, Download> {
  return Object.fromEntries(downloads.map((item) => [item.id, item]));
}

describe('settledDownloads', () => {
  it('finds the downloads that moved to done or failed since the last snapshot', () => {
    const before = byId(
      download({ id: 1, status: 'downloading' }),
      download({ id: 2, status: 'verifying' }),
      download({ id: 3, status: 'queued' }),
    );
    const after = byId(
      download({ id: 1, status: 'done' }),
      download({ id: 2, status: 'failed' }),
      download({ id: 3, status: 'downloading' }),
    );
    expect(settledDownloads(before, after).map((item) => item.id)).toEqual([1, 2]);
  });

  it('ignores downloads seen for the first time, as the initial load brings them, and ones already settled', () => {
    const before = byId(download({ id: 1, status: 'done' }));
    const after = byId(download({ id: 1, status: 'done', name: 'renamed.glb' }), download({ id: 2, status: 'done' }));
    expect(settledDownloads(before, after)).toEqual([]);
    expect(settledDownloads({}, after)).toEqual([]);
  });
});

describe('announcement', () => {
  it('names one finished download, and one failed download with the headline of its reason', () => {
    expect(announcement([download({ status: 'done', name: 'castle.glb' })])).toBe('Finished: castle.glb');
    const failed = download({ status: 'failed', error: { code: 'http_4xx', message: 'HTTP 404' } });
    expect(announcement([failed])).toBe('Failed: castle v2.glb: The server refused the download');
  });

  it('counts a burst instead of naming each, finished and failed apart', () => {
    const finished = Array.from({ length: 12 }, (_, n) => download({ id: n + 1, status: 'done' }));
    expect(announcement(finished)).toBe('12 downloads finished');
    const failed = [1, 2].map((id) => download({ id: 100 + id, status: 'failed', error: null }));
    expect(announcement([...finished, ...failed])).toBe('12 downloads finished. 2 downloads failed');
  });

  it('says so when a failure carries no reason, and says nothing for nothing', () => {
    expect(announcement([download({ status: 'failed', name: 'a.bin' })])).toBe('Failed: a.bin: Reason unknown');
    expect(announcement([])).toBe('');
  });
});
