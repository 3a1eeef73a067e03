import { app } from 'electron';

/**
 * Windows ending the session (log off, restart, shut down) tells the windows, not the app, and does not quit
 * apps first: Ferry quits then, which saves the running downloads as any quit does.
 */
export function quitWhenSessionEnds(): void {
  app.on('browser-window-created', (_event, window) => window.on('session-end', () => app.quit()));
}
