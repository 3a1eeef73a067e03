import { app, type BrowserWindow, screen } from 'electron';
import type { Logger } from '../logs/logger';
import { WindowStateFile } from './window-state-file';
import { placeWindow } from './window-state-model';

/**
 * Opens each window where the last one was (if that still fits on a connected
 * display) and remembers its size, place and maximized state as it changes.
 */
export function installWindowState(profileDir: string, logger: Logger): void {
  const file = new WindowStateFile(profileDir, logger);
  app.on('browser-window-created', (_event, window) => {
    const areas = screen.getAllDisplays().map((display) => display.workArea);
    const placed = placeWindow(file.latest(), areas);
    window.setBounds({ x: placed.x, y: placed.y, width: placed.width, height: placed.height });
    if (placed.maximized) window.maximize();
    remember(window, file);
  });
}

function remember(window: BrowserWindow, file: WindowStateFile): void {
  // The normal bounds, not the maximized ones: un-maximizing next time returns to them.
  const save = () => file.save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) window.on(event as 'move', save);
  window.on('close', () => {
    save();
    void file.flush();
  });
}
