import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopPresence } from '../../electron/desktop/desktop-presence';
import { DownloadActivity } from '../../electron/desktop/download-activity';
import { installTray } from '../../electron/desktop/tray';
import { createEventHub, type EventHub } from '../../electron/ipc/event-hub';
import type { Services } from '../../electron/services';
import { captureLogger } from '../support/capture-logger';
import type { FakeTray } from '../support/electron-stand-in';
import { download } from './download-fixture';

/** The tray adapter over the recording stand-in, without the rest of the main process. */
vi.mock('electron', async () => {
  const { createElectronStandIn } = await import('../support/electron-stand-in');
  return createElectronStandIn({ paths: { userData: '/user-data', downloads: '/downloads' } }).electron;
});

let events: EventHub;
let activity: DownloadActivity;
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  events = createEventHub(captureLogger());
});
afterEach(() => {
  activity.dispose();
  vi.useRealTimers();
});

const running = download({ id: 7, name: 'castle.glb', status: 'downloading', size: 1000 });
const progressOf = (received: number) => [{ id: 7, received, size: 1000, speed: 100, eta: 1 }];

describe('the once-a-second throttle of the downloads the desktop follows', () => {
  it('tells its listeners at once, then at most once per second, and always after the last change', () => {
    activity = new DownloadActivity([running], events);
    const heard: number[] = [];
    activity.onUpdate(() => heard.push(Date.now()));
    events.emit('downloads:progress', progressOf(100));
    vi.advanceTimersByTime(0);
    expect(heard).toEqual([1_000_000]);
    for (let tick = 1; tick <= 25; tick += 1) {
      vi.advanceTimersByTime(100);
      events.emit('downloads:progress', progressOf(100 + tick * 10));
    }
    vi.advanceTimersByTime(1000);
    expect(heard).toEqual([1_000_000, 1_001_000, 1_002_000, 1_003_000]);
    expect(activity.snapshot().progress.get(7)?.received).toBe(350);
  });

  it('hears nothing when nothing changes, and forgets a removed download', () => {
    activity = new DownloadActivity([running], events);
    const heard = vi.fn();
    activity.onUpdate(heard);
    vi.advanceTimersByTime(5000);
    expect(heard).not.toHaveBeenCalled();
    events.emit('downloads:removed', [7]);
    vi.advanceTimersByTime(0);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(activity.snapshot().downloads).toEqual([]);
  });
});

describe('the tray under a stream of progress', () => {
  it('rebuilds its menu at most once a second, showing the newest percent', () => {
    activity = new DownloadActivity([running], events);
    const tray = installTray(trayPresence(activity)) as unknown as FakeTray;
    expect(tray.menus).toHaveLength(1);
    for (let tick = 1; tick <= 30; tick += 1) {
      events.emit('downloads:progress', progressOf(tick * 30));
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(1000);
    // One menu at the start, then one per second of changes: never the thirty progress events themselves.
    expect(tray.menus.length).toBeGreaterThanOrEqual(3);
    expect(tray.menus.length).toBeLessThanOrEqual(5);
    expect(tray.menuLabels()).toContain('castle.glb: 90%');
  });
});

/** What the tray reads of Ferry: the activity, a visible window on Linux, and services it does not call here. */
function trayPresence(followed: DownloadActivity): DesktopPresence {
  return {
    services: {} as Services,
    activity: followed,
    platform: 'linux',
    iconDir: '/icons',
    existingWindow: () => undefined,
    windowVisible: () => true,
    windowFocused: () => false,
    show: () => undefined,
    hide: () => undefined,
    reveal: () => undefined,
    onVisibility: () => undefined,
  };
}
