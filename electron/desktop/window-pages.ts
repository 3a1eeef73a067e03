import { app } from 'electron';

/**
 * A page that reloads, or whose window closed for good (macOS keeps running without one), no longer listens: its
 * inboxes keep what comes next until a page takes it again.
 */
export function followWindowPages(inboxes: { windowGone(): void }[]): void {
  app.on('web-contents-created', (_event, contents) => {
    const gone = () => {
      for (const inbox of inboxes) inbox.windowGone();
    };
    contents.on('did-start-loading', gone);
    contents.on('destroyed', gone);
  });
}
