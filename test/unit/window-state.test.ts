import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WINDOW_STATE_FILE, WindowStateFile } from '../../electron/desktop/window-state-file';
import { DEFAULT_SIZE, parseWindowState, placeWindow } from '../../electron/desktop/window-state-model';
import { captureLogger } from '../support/capture-logger';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('opens where it was when that lies whole on a connected display', () => {
    const saved = { x: 1600, y: 100, width: 1000, height: 700, maximized: true };
    expect(placeWindow(saved, [laptop, monitorOnTheRight])).toEqual(saved);
  });

  it('opens at the default size, centred on the primary display, when its display was unplugged', () => {
    const saved = { x: 1600, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({
      x: (1440 - DEFAULT_SIZE.width) / 2,
      y: (870 - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
      maximized: false,
    });
  });

  it('opens no larger than a small display, and centred, without a saved state', () => {
    const small = { x: 0, y: 25, width: 1024, height: 700 };
    expect(placeWindow(null, [small])).toEqual({ x: 0, y: 25, width: 1024, height: 700, maximized: false });
  });

  it('keeps a window that hangs off a display edge from opening there', () => {
    const offEdge = { x: 1000, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeWindow(offEdge, [laptop]).x).toBe((1440 - DEFAULT_SIZE.width) / 2);
  });
});

describe('parseWindowState', () => {
  it('takes a whole state and refuses torn or odd ones', () => {
    const state = { x: -10, y: 20, width: 900, height: 600, maximized: false };
    expect(parseWindowState(state)).toEqual(state);
    expect(parseWindowState({ ...state, width: 0 })).toBeNull();
    expect(parseWindowState({ ...state, x: '1' })).toBeNull();
    expect(parseWindowState({ ...state, maximized: 'yes' })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
  });
});

describe('WindowStateFile', () => {
  let profile: TempDir;
  beforeEach(async () => {
    profile = await makeTempDir('ferry-window-state-');
  });
  afterEach(() => profile.remove());

  it('writes the last of many quick saves once, and reads it back', async () => {
    const file = new WindowStateFile(profile.path, captureLogger());
    expect(file.read()).toBeNull();
    for (let x = 0; x < 20; x++) file.save({ x, y: 0, width: 900, height: 600, maximized: false });
    await file.flush();
    expect(JSON.parse(await readFile(join(profile.path, WINDOW_STATE_FILE), 'utf8'))).toMatchObject({ x: 19 });
    expect(new WindowStateFile(profile.path, captureLogger()).read()).toMatchObject({ x: 19, width: 900 });
  });

  it("gives the file's state first, then the one saved last before it is written", async () => {
    const saved = { x: 5, y: 6, width: 900, height: 600, maximized: true };
    await writeFile(join(profile.path, WINDOW_STATE_FILE), JSON.stringify(saved));
    const file = new WindowStateFile(profile.path, captureLogger());
    expect(file.latest()).toEqual(saved);
    file.save({ ...saved, x: 300, maximized: false });
    expect(file.latest()).toEqual({ ...saved, x: 300, maximized: false });
    await file.flush();
  });

  it('reads a torn file as nothing saved', async () => {
    await writeFile(join(profile.path, WINDOW_STATE_FILE), '{"x": 1, "y"');
    expect(new WindowStateFile(profile.path, captureLogger()).read()).toBeNull();
  });
});
