import { rm } from 'node:fs/promises';
import type { DownloadEvent } from '../../shared/download-history';
import { isBusy } from '../../shared/download-status';
import type { Download } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import type { FilePreview } from '../../shared/file-preview';
import { DEFAULT_QUEUE_ID, type Queue, type QueuePatch } from '../../shared/queues';
import { forDisplay } from '../../shared/redact';
import type { Desktop } from '../desktop';
import type { EventHub } from '../ipc/event-hub';
import type { SettingsStore } from '../settings/settings-store';
import type { DownloadStore } from '../store/download-store';
import { dragSource } from './drag-source';
import { readPreview } from './file-preview';
import { removeLeftovers } from './leftovers';
import { savedFile } from './saved-file';

interface LibraryServiceOptions {
  store: DownloadStore;
  desktop: Desktop;
  events: EventHub;
  /** The folders a person chose (download folder, add folders): a drag out hands out files only from inside them. */
  settings: Pick<SettingsStore, 'get'>;
  /** Tells the window (and the scheduler) that these downloads changed. */
  changed(ids: number[]): void;
}

/** History and queues: searching, removing, opening finished files, and arranging what waits. */
export class LibraryService {
  private readonly options: LibraryServiceOptions;

  constructor(options: LibraryServiceOptions) {
    this.options = options;
  }

  search(query: string): Download[] {
    return this.options.store.searchHistory(query.trim()).map(forDisplay);
  }

  /** Removes downloads that are not running; with `deleteFiles` their files (and parts) go too. */
  async remove(ids: number[], deleteFiles: boolean): Promise<{ removed: number }> {
    const { store } = this.options;
    const removable = ids.map((id) => this.existing(id)).filter((download) => !isBusy(download.status));
    for (const download of removable) {
      if (deleteFiles && download.path) await rm(download.path, { force: true });
      await removeLeftovers(download, store);
    }
    store.remove(removable.map((download) => download.id));
    this.options.events.emit(
      'downloads:removed',
      removable.map((download) => download.id),
    );
    return { removed: removable.length };
  }

  async open(id: number): Promise<void> {
    const problem = await this.options.desktop.openPath(await savedFile(this.existing(id), 'open'));
    if (problem) throw new FerryError('not_found', `Ferry could not open the file: ${problem}`);
  }

  async showInFolder(id: number): Promise<void> {
    this.options.desktop.showItemInFolder(await savedFile(this.existing(id), 'show'));
  }

  /** Drags what `open` would open, so a model lands in Blender or on the desktop as it was unpacked. */
  async startDrag(id: number): Promise<void> {
    const { downloadDir, addFolders } = this.options.settings.get();
    const queueFolders = this.options.store.queues().flatMap((queue) => (queue.directory ? [queue.directory] : []));
    const source = await dragSource(this.existing(id), [downloadDir, ...queueFolders, ...addFolders]);
    await this.options.desktop.startDrag(source);
  }

  /** A finished image or model for the Details panel, read from the path the library recorded for this id. */
  async previewFile(id: number): Promise<FilePreview> {
    return readPreview(this.existing(id));
  }

  /** Its timeline, for the Details panel; messages were redacted before they were stored. */
  history(id: number): DownloadEvent[] {
    this.existing(id);
    return this.options.store.history.of(id);
  }

  createQueue(queue: { name: string; concurrency: number; speedLimit?: number; schedule?: Queue['schedule'] }): Queue {
    const { store } = this.options;
    if (store.queues().some((existing) => existing.name === queue.name)) {
      throw new FerryError('conflict', `There is already a queue called "${queue.name}". Pick another name.`);
    }
    const created = store.addQueue(queue);
    if (queue.schedule) store.updateQueue(created.id, { schedule: queue.schedule });
    this.emitQueues();
    return this.queue(created.id);
  }

  updateQueue(id: number, patch: QueuePatch): Queue {
    this.queue(id);
    this.options.store.updateQueue(id, patch);
    this.emitQueues();
    // A queue resumed, widened or given a new window may start downloads now, not at the next poll.
    this.options.changed([]);
    return this.queue(id);
  }

  /** The default queue stays; the downloads of a removed queue move to it, nothing is lost. */
  deleteQueue(id: number): void {
    if (id === DEFAULT_QUEUE_ID) throw new FerryError('conflict', 'The default queue cannot be removed.');
    const { store } = this.options;
    this.queue(id);
    const moved = store
      .list()
      .filter((download) => download.queueId === id)
      .map((download) => download.id);
    store.moveToQueue(moved, DEFAULT_QUEUE_ID);
    store.removeQueue(id);
    this.options.changed(moved);
    this.emitQueues();
  }

  move(ids: number[], queueId: number): void {
    this.queue(queueId);
    for (const id of ids) this.existing(id);
    this.options.store.moveToQueue(ids, queueId);
    this.options.changed(ids);
  }

  prioritize(ids: number[], priority: number): void {
    for (const id of ids) this.existing(id);
    this.options.store.setPriority(ids, priority);
    this.options.changed(ids);
  }

  private queue(id: number): Queue {
    const queue = this.options.store.queues().find((candidate) => candidate.id === id);
    if (!queue) throw new FerryError('not_found', 'That queue no longer exists. Refresh the list and try again.');
    return queue;
  }

  private existing(id: number): Download {
    const download = this.options.store.get(id);
    if (!download)
      throw new FerryError('not_found', `Download ${id} no longer exists. Refresh the list and try again.`);
    return download;
  }

  private emitQueues(): void {
    this.options.events.emit('queues:changed', this.options.store.queues());
  }
}
