import { describe, expect, it } from 'vitest';
import type { DownloadChange } from '../../electron/desktop/download-activity';
import {
  GROUP_MAX_MS,
  GROUP_QUIET_MS,
  type NoticeContext,
  NoticePlanner,
  type NoticeSettings,
} from '../../electron/desktop/notice-planner';
import type { Account } from '../../shared/accounts';
import { CREDENTIALS_REFUSED } from '../../shared/credentials-refusal';
import type { Download } from '../../shared/downloads';
import type { Queue } from '../../shared/queues';
import { download } from './download-fixture';

const allOn: NoticeSettings = {
  downloadDir: '/home/ana/Downloads',
  notifyOnComplete: true,
  notifyOnFailure: true,
  notifyOnQueueDone: true,
  notifyOnAccountProblem: true,
};
const queues: Queue[] = [
  { id: 1, name: 'Default', concurrency: 3, speedLimit: 0, paused: false, schedule: null, directory: null } as Queue,
  { id: 2, name: 'Skyscraper', concurrency: 3, speedLimit: 0, paused: false, schedule: null, directory: null } as Queue,
];
const studio: Account = {
  id: 'acc-1',
  provider: 'echo3d',
  label: 'Studio',
  baseUrl: null,
  isDefault: true,
  fields: { apiKey: { set: true }, securityKey: { set: true } },
};
const kiosk: Account = {
  id: 'acc-2',
  provider: 'delos',
  label: 'Kiosk',
  baseUrl: 'https://delos.example',
  isDefault: true,
  fields: { token: { set: true }, customerId: 'c1' },
};

/** Moves each download from `from` to what it is now, with everything else as given. */
function moved(after: Download[], from: Download['status'] = 'downloading'): DownloadChange[] {
  return after.map((download) => ({ before: { ...download, status: from }, after: download }));
}

function context(downloads: Download[], settings: Partial<NoticeSettings> = {}): NoticeContext {
  return { settings: { ...allOn, ...settings }, accounts: [studio, kiosk], queues, downloads };
}

const finished = (id: number, path: string, queueId = 1) =>
  download({ id, queueId, status: 'done', path, directory: '/home/ana/Downloads' });

describe('the notice planner', () => {
  it('says one finished file by its name once the group has been quiet for a few seconds', () => {
    const planner = new NoticePlanner();
    const done = finished(1, '/home/ana/Downloads/lamp.glb');
    expect(planner.observe(moved([done]), context([done, download({ id: 9, status: 'queued' })]), 1000)).toEqual([]);
    expect(planner.nextDueAt()).toBe(1000 + GROUP_QUIET_MS);
    expect(planner.due(1000 + GROUP_QUIET_MS - 1)).toEqual([]);
    expect(planner.due(1000 + GROUP_QUIET_MS)).toEqual([
      { title: 'Download finished', body: 'lamp.glb', target: { kind: 'download', id: 1 } },
    ]);
    expect(planner.nextDueAt()).toBeNull();
  });

  it('groups files finishing within a few seconds, naming their folder below the download folder', () => {
    const planner = new NoticePlanner();
    const files = Array.from({ length: 12 }, (_, index) =>
      finished(index + 1, `/home/ana/Downloads/echo3D/Skyscraper/${index < 6 ? 'a' : 'b'}/part-${index}.glb`),
    );
    const rest = download({ id: 99, status: 'queued' });
    files.forEach((file, index) => {
      planner.observe(moved([file]), context([...files, rest]), index * 500);
    });
    expect(planner.due(11 * 500 + GROUP_QUIET_MS - 1)).toEqual([]);
    expect(planner.due(11 * 500 + GROUP_QUIET_MS)).toEqual([
      {
        title: 'Downloads finished',
        body: '12 files downloaded to echo3D/Skyscraper',
        target: { kind: 'download', id: 12 },
      },
    ]);
  });

  it('says a steady stream at most every GROUP_MAX_MS, and names the download folder or a folder outside it', () => {
    const planner = new NoticePlanner();
    const rest = download({ id: 99, status: 'queued' });
    const inside = [finished(1, '/home/ana/Downloads/a.glb'), finished(2, '/home/ana/Downloads/b/c.glb')];
    planner.observe(moved(inside.slice(0, 1)), context([...inside, rest]), 0);
    planner.observe(moved(inside.slice(1)), context([...inside, rest]), GROUP_MAX_MS - 1);
    expect(planner.due(GROUP_MAX_MS)).toEqual([expect.objectContaining({ body: '2 files downloaded to Downloads' })]);
    const outside = [finished(3, '/mnt/assets/x/1.png'), finished(4, '/mnt/assets/2.png')];
    planner.observe(moved(outside), context([...outside, rest]), 50_000);
    expect(planner.due(60_000)).toEqual([expect.objectContaining({ body: '2 files downloaded to /mnt/assets' })]);
  });

  it('names an unpacked download by what it was unpacked to', () => {
    const planner = new NoticePlanner();
    const done = download({ id: 3, status: 'done', path: '/d/pack.zip', unpackedTo: '/d/pack' });
    planner.observe(moved([done], 'unpacking'), context([done, download({ id: 9 })]), 0);
    expect(planner.due(GROUP_MAX_MS)).toEqual([
      { title: 'Download finished and unpacked', body: 'pack', target: { kind: 'download', id: 3 } },
    ]);
  });

  it('says failures with the reason in plain words, grouped like finishes', () => {
    const planner = new NoticePlanner();
    const one = download({ id: 1, status: 'failed', name: 'a.glb', error: { code: 'disk_full', message: 'ENOSPC' } });
    planner.observe(moved([one]), context([one]), 0);
    expect(planner.due(GROUP_MAX_MS)).toEqual([
      {
        title: 'Download failed: a.glb',
        body: "The disk is full. Retry it from Ferry's list.",
        target: { kind: 'download', id: 1 },
      },
    ]);
    const more = [
      download({ id: 2, status: 'failed', error: { code: 'network', message: 'x' } }),
      download({ id: 3, status: 'failed', error: { code: 'network', message: 'y' } }),
      download({ id: 4, status: 'failed', error: { code: 'http_5xx', message: 'z' } }),
    ];
    planner.observe(moved(more), context(more), 100_000);
    expect(planner.due(200_000)).toEqual([
      {
        title: '3 downloads failed',
        body: "Network problem; Server error. Retry them from Ferry's list.",
        target: { kind: 'download', id: 4 },
      },
    ]);
  });

  it('says a queue is done when its every download is, after the files, counting what finished since', () => {
    const planner = new NoticePlanner();
    const earlier = finished(1, '/home/ana/Downloads/Skyscraper/old.glb', 2);
    const first = finished(2, '/home/ana/Downloads/Skyscraper/a.glb', 2);
    const last = finished(3, '/home/ana/Downloads/Skyscraper/b.glb', 2);
    const waiting = { ...last, status: 'downloading' } as Download;
    planner.observe(moved([first]), context([earlier, first, waiting]), 0);
    planner.observe(moved([last]), context([earlier, first, last, download({ id: 9, queueId: 1 })]), 10);
    expect(planner.due(GROUP_MAX_MS)).toEqual([
      expect.objectContaining({ title: 'Downloads finished', body: '2 files downloaded to Skyscraper' }),
      {
        title: 'Queue "Skyscraper" is done',
        body: '2 files downloaded; nothing in it is left to fetch.',
        target: { kind: 'queue', id: 2 },
      },
    ]);
  });

  it('does not call a queue done while one of its downloads failed or waits', () => {
    const planner = new NoticePlanner();
    const done = finished(1, '/home/ana/Downloads/a.glb', 2);
    planner.observe(moved([done]), context([done, download({ id: 2, queueId: 2, status: 'failed' })]), 0);
    planner.observe(moved([done]), context([done, download({ id: 3, queueId: 2, status: 'paused' })]), 0);
    expect(planner.due(GROUP_MAX_MS).map((notice) => notice.target.kind)).toEqual(['download']);
  });

  it('says at once, once, that an account needs attention, instead of each refused download failing', () => {
    const planner = new NoticePlanner();
    const refused = (id: number, accountId: string | null, provider = 'echo3d') =>
      download({
        id,
        accountId,
        provider,
        status: 'failed',
        error: { code: 'provider', message: `echo3D ${CREDENTIALS_REFUSED} "Studio" (HTTP 401).` },
      });
    const batch = [refused(1, null), refused(2, 'acc-1'), refused(3, 'acc-2', 'delos')];
    expect(planner.observe(moved(batch), context(batch), 0)).toEqual([
      {
        title: 'echo3D refused the credentials',
        body: 'The account "Studio" needs new credentials: open it in Accounts to replace them, then retry its downloads.',
        target: { kind: 'account', id: 'acc-1' },
      },
      {
        title: 'Delos token expired',
        body: 'The account "Kiosk" needs a new token: open it in Accounts and paste one, then retry its downloads.',
        target: { kind: 'account', id: 'acc-2' },
      },
    ]);
    expect(planner.nextDueAt()).toBeNull();
    expect(planner.observe(moved([refused(4, null)]), context([]), 10)).toEqual([]);
    const working = download({ id: 5, status: 'done', provider: 'echo3d', path: '/d/x' });
    planner.observe(moved([working]), context([working], { notifyOnComplete: false }), 20);
    expect(planner.observe(moved([refused(6, null)]), context([]), 30)).toHaveLength(1);
  });

  it('keeps quiet about each kind turned off in the settings', () => {
    const planner = new NoticePlanner();
    const off = {
      notifyOnComplete: false,
      notifyOnFailure: false,
      notifyOnQueueDone: false,
      notifyOnAccountProblem: false,
    };
    const batch = [
      finished(1, '/home/ana/Downloads/a.glb', 2),
      download({ id: 2, status: 'failed', error: { code: 'network', message: 'x' } }),
      download({ id: 3, status: 'failed', error: { code: 'provider', message: CREDENTIALS_REFUSED } }),
    ];
    expect(planner.observe(moved(batch), context(batch, off), 0)).toEqual([]);
    expect(planner.nextDueAt()).toBeNull();
    expect(planner.due(GROUP_MAX_MS)).toEqual([]);
  });

  it('ignores rows that only changed in place, and counts one first seen finished (added and done in one batch)', () => {
    const planner = new NoticePlanner();
    const done = finished(1, '/home/ana/Downloads/a.glb');
    planner.observe([{ before: done, after: done }], context([done]), 0);
    expect(planner.nextDueAt()).toBeNull();
    planner.observe([{ before: undefined, after: finished(2, '/d/b') }], context([done, download({ id: 3 })]), 0);
    expect(planner.due(GROUP_MAX_MS)).toEqual([expect.objectContaining({ body: 'b' })]);
  });
});
