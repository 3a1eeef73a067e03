import { describe, expect, it } from 'vitest';
import { BusyDownloads, shouldBlockSleep } from '../../electron/desktop/power-model';
import { guardSleep } from '../../electron/desktop/sleep-guard';
import { createEventHub } from '../../electron/ipc/event-hub';
import { defaultSettings, type Settings } from '../../shared/settings';
import { captureLogger } from '../support/capture-logger';

describe('the sleep guard model', () => {
  it('blocks sleep only while something is busy and the setting allows', () => {
    expect(shouldBlockSleep(0, true)).toBe(false);
    expect(shouldBlockSleep(2, true)).toBe(true);
    expect(shouldBlockSleep(2, false)).toBe(false);
  });

  it('counts downloads busy on the network or the disk, forgetting those that settle or are removed', () => {
    const busy = new BusyDownloads();
    busy.changed([
      { id: 1, status: 'downloading' },
      { id: 2, status: 'waiting' },
      { id: 3, status: 'queued' },
      { id: 4, status: 'unpacking' },
    ]);
    expect(busy.count).toBe(3);
    busy.changed([{ id: 1, status: 'done' }]);
    busy.removed([2]);
    expect(busy.count).toBe(1);
  });
});

describe('guardSleep', () => {
  function guarded(preventSleep = true) {
    const events = createEventHub(captureLogger());
    let settings: Settings = { ...defaultSettings('/downloads'), preventSleepWhileDownloading: preventSleep };
    const calls: string[] = [];
    const stop = guardSleep(events, () => settings, {
      keepAwake: () => calls.push('awake'),
      allowSleep: () => calls.push('sleep'),
    });
    const download = (id: number, status: string) => events.emit('downloads:changed', [{ id, status } as never]);
    const setPreventSleep = (value: boolean) => {
      settings = { ...settings, preventSleepWhileDownloading: value };
      events.emit('settings:changed', settings);
    };
    return { events, calls, stop, download, setPreventSleep };
  }

  it('keeps the computer awake from the first running download until the last settles, once each way', () => {
    const { calls, download } = guarded();
    download(1, 'resolving');
    download(1, 'downloading');
    download(2, 'downloading');
    expect(calls).toEqual(['awake']);
    download(1, 'done');
    expect(calls).toEqual(['awake']);
    download(2, 'failed');
    expect(calls).toEqual(['awake', 'sleep']);
  });

  it('lets the computer sleep when the setting is turned off mid-download, and blocks again when it is back on', () => {
    const { calls, download, setPreventSleep } = guarded();
    download(1, 'downloading');
    setPreventSleep(false);
    setPreventSleep(true);
    expect(calls).toEqual(['awake', 'sleep', 'awake']);
  });

  it('never blocks while the setting is off', () => {
    const { calls, download } = guarded(false);
    download(1, 'downloading');
    expect(calls).toEqual([]);
  });

  it('lets go when stopped', () => {
    const { calls, download, stop } = guarded();
    download(1, 'downloading');
    stop();
    download(2, 'downloading');
    expect(calls).toEqual(['awake', 'sleep']);
  });
});
