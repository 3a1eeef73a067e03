import { clipboard, Notification } from 'electron';
import type { ClipboardOffer } from '../../shared/add-request';
import type { Services } from '../services';
import { ClipboardWatcher } from './clipboard-watcher';
import type { DesktopPresence } from './desktop-presence';
import { holdWhileOnScreen } from './notifications';
import type { AddRequestInbox } from './window-inbox';

/**
 * Follows the clipboard watch setting: Electron's clipboard is read only while it is on. An offer goes to the
 * window's offer bar; when the window is not in front (hidden in the tray, or behind the app the link was copied
 * from), a notification carries it too, and its click opens the Add dialog with the copied refs.
 */
export function installClipboardWatch(services: Services, presence: DesktopPresence, inbox: AddRequestInbox): void {
  const watcher = new ClipboardWatcher({
    readText: () => clipboard.readText(),
    understood: (refs) =>
      services.downloads
        .preview({ refs })
        .filter((preview) => preview.ok)
        .map((preview) => preview.ref),
    offer: (offer) => {
      services.events.emit('app:clipboardOffer', offer);
      if (!presence.windowFocused()) notifyOffer(offer, presence, inbox);
    },
  });
  watcher.setEnabled(services.settings.get().watchClipboard);
  services.events.subscribe(({ event, payload }) => {
    if (event === 'settings:changed') watcher.setEnabled(payload.watchClipboard);
  });
}

function notifyOffer(offer: ClipboardOffer, presence: DesktopPresence, inbox: AddRequestInbox): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({
    title: `${offer.count} ${offer.count === 1 ? 'link' : 'links'} copied`,
    body: 'Click to add them in Ferry. Nothing is added until you confirm.',
  });
  holdWhileOnScreen(notification);
  notification.on('click', () => {
    inbox.deliver({ text: offer.text, problem: null });
    presence.show();
  });
  notification.show();
}
