import { clipboard } from 'electron';
import type { Services } from '../services';
import { ClipboardWatcher } from './clipboard-watcher';

/** Follows the clipboard watch setting: Electron's clipboard is read only while it is on. */
export function installClipboardWatch(services: Services): void {
  const watcher = new ClipboardWatcher({
    readText: () => clipboard.readText(),
    understood: (refs) =>
      services.downloads
        .preview({ refs })
        .filter((preview) => preview.ok)
        .map((preview) => preview.ref),
    offer: (offer) => services.events.emit('app:clipboardOffer', offer),
  });
  watcher.setEnabled(services.settings.get().watchClipboard);
  services.events.subscribe(({ event, payload }) => {
    if (event === 'settings:changed') watcher.setEnabled(payload.watchClipboard);
  });
}
