import { join } from 'node:path';
import { app, nativeImage } from 'electron';
import type { DesktopPresence } from './desktop-presence';
import { type TaskbarView, taskbarView } from './taskbar-model';

/**
 * The overall progress on the taskbar button (Windows, some Linux docks) or
 * the dock icon (macOS), the active count as the dock's badge on macOS, and a
 * warning overlay on Windows' taskbar button while a download has failed.
 */
export function installTaskbarProgress(presence: DesktopPresence): void {
  /** What the window's taskbar button shows; null when it shows nothing of Ferry's yet. */
  let shown: TaskbarView | null = null;
  let badge: number | null = null;
  const render = () => {
    const window = presence.existingWindow();
    if (!window || window.isDestroyed()) return;
    const view = taskbarView(presence.activity.snapshot());
    if (view.progress !== shown?.progress) window.setProgressBar(view.progress);
    if (presence.platform === 'darwin' && view.badge !== badge) app.setBadgeCount(view.badge);
    if (presence.platform === 'win32' && view.failed > 0 !== (shown !== null && shown.failed > 0)) {
      window.setOverlayIcon(
        view.failed > 0 ? nativeImage.createFromPath(join(presence.iconDir, 'overlay-failed.png')) : null,
        view.failed > 0 ? 'A download failed' : '',
      );
    }
    shown = view;
    badge = view.badge;
  };
  presence.activity.onUpdate(render);
  // Windows drops a hidden window's progress and overlay, and a window made anew (macOS) starts with none.
  presence.onVisibility(() => {
    shown = null;
    render();
  });
  render();
}
