import { FerryError } from '../../shared/errors';
import type { Queue } from '../../shared/queues';
import type { Settings } from '../../shared/settings';
import type { Desktop } from '../desktop';
import type { EventHub } from '../ipc/event-hub';
import type { DownloadStore } from '../store/download-store';
import type { SettingsStore } from './settings-store';

/**
 * Folders are chosen in the main process with the system's picker, never
 * typed in by the window: the renderer asks, the person picks, main saves.
 */
export class FolderService {
  private readonly options: { settings: SettingsStore; store: DownloadStore; desktop: Desktop; events: EventHub };

  constructor(options: FolderService['options']) {
    this.options = options;
  }

  async chooseDownloadDir(): Promise<Settings> {
    const { settings, desktop } = this.options;
    const folder = await desktop.chooseFolder('Choose where Ferry saves downloads', settings.get().downloadDir);
    return folder ? settings.setDownloadDir(folder) : settings.get();
  }

  async chooseQueueFolder(id: number): Promise<Queue> {
    const { store, desktop, settings, events } = this.options;
    const queue = store.queues().find((candidate) => candidate.id === id);
    if (!queue) throw new FerryError('not_found', 'That queue no longer exists. Refresh the list and try again.');
    const folder = await desktop.chooseFolder(
      `Choose where "${queue.name}" saves downloads`,
      queue.directory ?? settings.get().downloadDir,
    );
    if (!folder) return queue;
    store.updateQueue(id, { directory: folder });
    events.emit('queues:changed', store.queues());
    return store.queues().find((candidate) => candidate.id === id) as Queue;
  }

  /**
   * A folder for one add only: the queue and the download folder keep their own. The picker opens in the folder
   * picked last, and what it gives is remembered, so an add may name it after a restart too.
   */
  async chooseAddFolder(): Promise<{ folder: string | null }> {
    const { desktop, settings } = this.options;
    const { addFolders, downloadDir } = settings.get();
    const folder = await desktop.chooseFolder('Choose where these downloads go', addFolders.at(-1) ?? downloadDir);
    if (folder) await settings.rememberAddFolder(folder);
    return { folder };
  }

  /** The add as asked, once its folder, if it names one, is one the picker gave. */
  checkAddFolder<T extends { directory?: string }>(request: T): T {
    if (request.directory === undefined || this.options.settings.get().addFolders.includes(request.directory)) {
      return request;
    }
    throw new FerryError(
      'invalid_payload',
      'That folder was not chosen with Change folder…. Choose the folder again, then add the links.',
    );
  }
}
