import { inFlightStatuses } from '../../shared/download-status';
import type { Download, DownloadProgress } from '../../shared/downloads';
import type { EventHub } from '../ipc/event-hub';

/** What the desktop features read: every download as the window sees it, and the live progress of those running. */
export interface ActivitySnapshot {
  downloads: readonly Download[];
  progress: ReadonlyMap<number, DownloadProgress>;
}

/** A download as it was before a change (undefined when it is new) and after. */
export interface DownloadChange {
  before: Download | undefined;
  after: Download;
}

/** Progress arrives ten times a second; the tray, dock and taskbar need to hear it once a second at most. */
export const UPDATE_INTERVAL_MS = 1000;

/**
 * Follows the downloads through the same events the window receives, so the
 * tray, the taskbar and the notifications agree with the list. Plain Node: the
 * Electron adapters listen to it.
 */
export class DownloadActivity {
  private readonly downloads = new Map<number, Download>();
  private readonly progress = new Map<number, DownloadProgress>();
  private readonly changeListeners = new Set<(changes: DownloadChange[]) => void>();
  private readonly updateListeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private updateTimer: NodeJS.Timeout | null = null;
  private lastUpdate = Number.NEGATIVE_INFINITY;

  constructor(
    initial: readonly Download[],
    events: EventHub,
    private readonly intervalMs = UPDATE_INTERVAL_MS,
  ) {
    for (const download of initial) this.downloads.set(download.id, download);
    this.unsubscribe = events.subscribe(({ event, payload }) => {
      if (event === 'downloads:changed') this.receive(payload);
      else if (event === 'downloads:progress') this.receiveProgress(payload);
      else if (event === 'downloads:removed') this.forget(payload);
    });
  }

  snapshot(): ActivitySnapshot {
    return { downloads: [...this.downloads.values()], progress: this.progress };
  }

  /** Status and record changes, as they arrive. */
  onChanges(listener: (changes: DownloadChange[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Anything changed, progress included; called at most once per interval, and always after the last change. */
  onUpdate(listener: () => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.updateTimer = null;
  }

  private receive(changed: Download[]): void {
    const changes = changed.map((after) => ({ before: this.downloads.get(after.id), after }));
    for (const download of changed) {
      this.downloads.set(download.id, download);
      if (!inFlightStatuses.includes(download.status)) this.progress.delete(download.id);
    }
    for (const listener of this.changeListeners) listener(changes);
    this.scheduleUpdate();
  }

  private receiveProgress(items: DownloadProgress[]): void {
    for (const item of items) {
      if (this.downloads.has(item.id)) this.progress.set(item.id, item);
    }
    this.scheduleUpdate();
  }

  private forget(ids: number[]): void {
    for (const id of ids) {
      this.downloads.delete(id);
      this.progress.delete(id);
    }
    this.scheduleUpdate();
  }

  private scheduleUpdate(): void {
    if (this.updateTimer) return;
    const wait = Math.max(0, this.lastUpdate + this.intervalMs - Date.now());
    this.updateTimer = setTimeout(() => this.update(), wait);
  }

  private update(): void {
    this.updateTimer = null;
    this.lastUpdate = Date.now();
    for (const listener of this.updateListeners) listener();
  }
}
