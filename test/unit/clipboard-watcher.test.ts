import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardWatcher } from '../../electron/desktop/clipboard-watcher';
import type { ClipboardOffer } from '../../shared/add-request';

let clipboard: string;
let reads: number;
let offers: ClipboardOffer[];
let watcher: ClipboardWatcher;

beforeEach(() => {
  vi.useFakeTimers();
  clipboard = 'copied before the watch was on: https://a.example/old.glb';
  reads = 0;
  offers = [];
  watcher = new ClipboardWatcher({
    readText: async () => {
      reads += 1;
      return clipboard;
    },
    // Stands in for the Add dialog's preview: http(s) links and echo3d refs are understood.
    understood: (refs) => refs.filter((ref) => /^(https?:\/\/|echo3d:)/.test(ref)),
    offer: (offer) => offers.push(offer),
    pollMs: 1000,
  });
});
afterEach(() => {
  watcher.setEnabled(false);
  vi.useRealTimers();
});

async function copy(text: string): Promise<void> {
  clipboard = text;
  await vi.advanceTimersByTimeAsync(1000);
}

describe('the clipboard watch', () => {
  it('never reads the clipboard while off, and keeps no timer', async () => {
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    watcher.setEnabled(true);
    await vi.advanceTimersByTimeAsync(0);
    watcher.setEnabled(false);
    const before = reads;
    await copy('https://a.example/after-off.glb');
    expect(reads).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('offers the refs in newly copied text, once, and not what was there when it was turned on', async () => {
    watcher.setEnabled(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(offers).toEqual([]);
    await copy('Models:\nhttps://a.example/a.glb echo3d:file/s1\nagain https://a.example/a.glb');
    expect(offers).toEqual([{ text: 'https://a.example/a.glb\necho3d:file/s1', count: 2 }]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(offers).toHaveLength(1);
  });

  it('offers nothing for text without refs Ferry understands, nor for javascript: links', async () => {
    watcher.setEnabled(true);
    await copy('just words');
    await copy('javascript:alert(1)');
    expect(offers).toEqual([]);
  });

  it('polls only while on, again after being turned back on', async () => {
    watcher.setEnabled(true);
    await vi.advanceTimersByTimeAsync(3000);
    const whileOn = reads;
    expect(whileOn).toBeGreaterThanOrEqual(3);
    watcher.setEnabled(false);
    await vi.advanceTimersByTimeAsync(3000);
    expect(reads).toBe(whileOn);
    clipboard = 'https://a.example/copied-while-off.glb';
    watcher.setEnabled(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(offers).toEqual([]);
    await copy('https://a.example/new.glb');
    expect(offers).toEqual([{ text: 'https://a.example/new.glb', count: 1 }]);
  });
});
