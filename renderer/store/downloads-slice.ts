import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { DownloadsSlice, FerryState } from './ferry-state';

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
