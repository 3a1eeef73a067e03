import type { StateCreator } from 'zustand';
import type { DownloadAction } from '../../shared/download-status';
import type { Download, DownloadProgress } from '../../shared/downloads';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { FerryState } from './ferry-store';

export interface DownloadsSlice {
  downloads: Record<number, Download>;
  progress: Record<number, DownloadProgress>;
  addError: string | null;
  adding: boolean;
  loadDownloads(): Promise<void>;
  /** Adds every link in the text (one per line or space-separated); true when they were added. */
  addLinks(text: string, options?: { unpack?: boolean }): Promise<boolean>;
  controlDownloads(action: DownloadAction, ids: number[]): Promise<void>;
  receiveDownloads(changed: Download[]): void;
  receiveProgress(items: DownloadProgress[]): void;
  forgetDownloads(ids: number[]): void;
}

export function splitLinks(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

export function createDownloadsSlice(client: FerryClient): StateCreator<FerryState, [], [], DownloadsSlice> {
  return (set, get) => ({
    downloads: {},
    progress: {},
    addError: null,
    adding: false,
    async loadDownloads() {
      try {
        get().receiveDownloads(await client.call('downloads:list'));
      } catch (error) {
        set({ addError: errorMessage(error) });
      }
    },
    async addLinks(text, options = {}) {
      const refs = splitLinks(text);
      if (refs.length === 0) {
        set({ addError: 'Paste or type at least one link.' });
        return false;
      }
      set({ adding: true, addError: null });
      try {
        get().receiveDownloads(await client.call('downloads:add', { refs, ...options }));
        set({ adding: false });
        return true;
      } catch (error) {
        set({ adding: false, addError: errorMessage(error) });
        return false;
      }
    },
    async controlDownloads(action, ids) {
      try {
        await client.call('downloads:control', { action, ids });
      } catch (error) {
        set({ addError: errorMessage(error) });
      }
    },
    receiveDownloads: (changed) =>
      set((state) => {
        const downloads = { ...state.downloads };
        for (const download of changed) downloads[download.id] = download;
        return { downloads };
      }),
    forgetDownloads: (ids) =>
      set((state) => {
        const downloads = { ...state.downloads };
        const progress = { ...state.progress };
        for (const id of ids) {
          delete downloads[id];
          delete progress[id];
        }
        return { downloads, progress };
      }),
    receiveProgress: (items) =>
      set((state) => {
        const progress = { ...state.progress };
        for (const item of items) progress[item.id] = item;
        return { progress };
      }),
  });
}
