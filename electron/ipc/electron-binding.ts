import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { fail } from '../../shared/ipc/result';
import type { Router } from './router';

interface BindingOptions {
  /** Only Ferry's own page may call in; anything else loaded by mistake is refused. */
  isTrustedSender(url: string): boolean;
  /** The web contents that receive events. */
  targets(): WebContents[];
}

const forbidden = fail(
  'forbidden_sender',
  'This page is not part of Ferry, so it cannot talk to Ferry. Reopen Ferry from its own window.',
);

/** Only the top frame of Ferry's own page: never an embedded frame, whatever its URL. */
function isTrusted(event: IpcMainInvokeEvent, options: BindingOptions): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && options.isTrustedSender(frame.url);
}

/** The only module that touches ipcMain: one handler per contract channel, events out to every window. */
export function bindRouterToIpcMain(router: Router, options: BindingOptions): () => void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      isTrusted(event, options) ? router.invoke(channel, payload) : forbidden,
    );
  }
  const unsubscribe = router.onEvent(({ event, payload }) => {
    for (const contents of options.targets()) {
      if (!contents.isDestroyed()) contents.send(event, payload);
    }
  });
  return () => {
    for (const channel of router.channels) ipcMain.removeHandler(channel);
    unsubscribe();
  };
}
