import { describe, expect, it } from 'vitest';
import type { ActivitySnapshot } from '../../electron/desktop/download-activity';
import { INDETERMINATE, NO_PROGRESS, taskbarView } from '../../electron/desktop/taskbar-model';
import { trayView } from '../../electron/desktop/tray-model';
import type { Download, DownloadProgress } from '../../shared/downloads';
import { download } from './download-fixture';

function snapshot(downloads: Download[], progress: DownloadProgress[] = []): ActivitySnapshot {
  return { downloads, progress: new Map(progress.map((item) => [item.id, item])) };
}

const live = (id: number, received: number, size: number | null, speed: number): DownloadProgress => ({
  id,
  received,
  size,
  speed,
  eta: null,
});

describe('the tray model', () => {
  it('is idle with nothing to do: no recent list, nothing to pause or resume', () => {
    const view = trayView(snapshot([download({ id: 1, status: 'done' })]), true);
    expect(view.icon).toBe('idle');
    expect(view.tooltip).toBe('Ferry: nothing downloading');
    expect(view.menu).toEqual([
      { type: 'command', command: 'toggle-window', label: 'Hide Ferry', enabled: true },
      { type: 'separator' },
      { type: 'command', command: 'pause-all', label: 'Pause all', enabled: false },
      { type: 'command', command: 'resume-all', label: 'Resume all', enabled: false },
      { type: 'separator' },
      { type: 'command', command: 'open-folder', label: 'Open download folder', enabled: true },
      { type: 'separator' },
      { type: 'command', command: 'quit', label: 'Quit Ferry', enabled: true },
    ]);
  });

  it('shows the active count and overall speed, and the five newest active downloads with their percent', () => {
    const running = [1, 2, 3, 4, 5, 6].map((id) =>
      download({ id, status: 'downloading', name: `file-${id}.glb`, createdAt: id * 10, size: 1000 }),
    );
    const view = trayView(
      snapshot(
        [...running, download({ id: 7, status: 'paused', createdAt: 999 })],
        [live(6, 420, 1000, 1024 * 1024), live(5, 1000, 1000, 512 * 1024)],
      ),
      false,
    );
    expect(view.icon).toBe('active');
    expect(view.tooltip).toBe('Ferry: 6 active at 1.5 MiB/s');
    expect(view.menu[0]).toMatchObject({ label: 'Show Ferry' });
    expect(
      view.menu
        .filter((item) => item.type === 'command' && item.enabled)
        .map((item) => item.type === 'command' && item.command),
    ).toEqual(['toggle-window', 'pause-all', 'resume-all', 'open-folder', 'quit']);
    expect(view.menu.filter((item) => item.type === 'download')).toEqual([
      { type: 'download', id: 6, label: 'file-6.glb: 42%' },
      { type: 'download', id: 5, label: 'file-5.glb: 100%' },
      { type: 'download', id: 4, label: 'file-4.glb: 0%' },
      { type: 'download', id: 3, label: 'file-3.glb: 0%' },
      { type: 'download', id: 2, label: 'file-2.glb: 0%' },
    ]);
  });

  it('says the bytes received when the size is unknown, cuts long names, and names an unpack', () => {
    const long = `${'a'.repeat(60)}.zip`;
    const view = trayView(
      snapshot(
        [
          download({ id: 1, status: 'downloading', name: long }),
          download({ id: 2, status: 'unpacking', name: 'b.zip', createdAt: -1 }),
        ],
        [live(1, 2048, null, 0)],
      ),
      true,
    );
    expect(
      view.menu.filter((item) => item.type === 'download').map((item) => item.type === 'download' && item.label),
    ).toEqual([`${'a'.repeat(39)}…: 2 KiB`, 'b.zip: unpacking']);
  });

  it('asks for attention while a download has failed, and says how many', () => {
    const view = trayView(
      snapshot([download({ id: 1, status: 'failed' }), download({ id: 2, status: 'downloading' })]),
      true,
    );
    expect(view.icon).toBe('attention');
    expect(view.tooltip).toBe('Ferry: 1 active at 0 B/s, 1 failed');
  });
});

describe('the taskbar model', () => {
  it('clears the bar and badge when idle', () => {
    expect(taskbarView(snapshot([download({ status: 'done' }), download({ id: 2, status: 'queued' })]))).toEqual({
      progress: NO_PROGRESS,
      badge: 0,
      failed: 0,
    });
  });

  it('shows received over total of the running downloads whose size is known, counting the rest in the badge', () => {
    const view = taskbarView(
      snapshot(
        [
          download({ id: 1, status: 'downloading', size: 1000, received: 100 }),
          download({ id: 2, status: 'downloading' }),
          download({ id: 3, status: 'resolving', size: 3000, received: 0 }),
          download({ id: 4, status: 'unpacking', size: 5000, received: 5000 }),
        ],
        [live(1, 500, 1000, 10), live(2, 123, null, 5)],
      ),
    );
    expect(view).toEqual({ progress: 500 / 4000, badge: 4, failed: 0 });
  });

  it('is indeterminate when only downloads of unknown size run', () => {
    const view = taskbarView(snapshot([download({ id: 1, status: 'waiting' }), download({ id: 2, status: 'failed' })]));
    expect(view).toEqual({ progress: INDETERMINATE, badge: 1, failed: 1 });
  });
});
