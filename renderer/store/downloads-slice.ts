import type { StateCreator } from 'zustand';
import { splitLinks } from '../../shared/ref-text';
import { errorMessage, type FerryClient } from '../ipc/client';
import { contribution, noTotals, type RunningTotals, recordSpeed, replaceContribution } from './download-totals';
import type { DownloadsSlice, FerryState } from './ferry-state';

export function createDownloadsSlice(client: FerryClient): StateCreator<FerryState, [], [], DownloadsSlice> {
  return (set, get) => {
    /** Runs a call from the list; a refusal shows above the list, in the main process's words. */
    async function fromList(call: () => Promise<unknown>): Promise<void> {
      try {
        await call();
        set({ listError: null });
      } catch (error) {
        set({ listError: errorMessage(error) });
      }
    }

    return {
      downloads: {},
      progress: {},
      addError: null,
      adding: false,
      speedSamples: [],
      totals: noTotals,
      listError: null,
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
      controlDownloads: (action, ids) => fromList(() => client.call('downloads:control', { action, ids })),
      moveDownloads: (ids, queueId) => fromList(() => client.call('downloads:move', { ids, queueId })),
      removeDownloads: (ids, deleteFiles) => fromList(() => client.call('downloads:remove', { ids, deleteFiles })),
      openDownload: (id) => fromList(() => client.call('downloads:open', { id })),
      showDownloadInFolder: (id) => fromList(() => client.call('downloads:showInFolder', { id })),
      dragDownload: (id) => fromList(() => client.call('downloads:startDrag', { id })),
      async loadPreview(id) {
        try {
          return { preview: await client.call('downloads:previewFile', { id }) };
        } catch (error) {
          return { error: errorMessage(error) };
        }
      },
      async loadHistory(id) {
        try {
          return { events: await client.call('downloads:history', { id }) };
        } catch (error) {
          return { error: errorMessage(error) };
        }
      },
      showListError: (message) => set({ listError: message }),
      dismissListError: () => set({ listError: null }),
      // A download that stops sends no more progress: sampling on changes too brings the sparkline down to zero.
      receiveDownloads: (changed) =>
        set((state) => {
          const downloads = { ...state.downloads };
          let totals = state.totals;
          for (const download of changed) {
            const live = state.progress[download.id];
            totals = replaceContribution(
              totals,
              contribution(downloads[download.id], live),
              contribution(download, live),
            );
            downloads[download.id] = download;
          }
          return { downloads, totals, speedSamples: sampled(state.speedSamples, totals) };
        }),
      forgetDownloads: (ids) =>
        set((state) => {
          const downloads = { ...state.downloads };
          const progress = { ...state.progress };
          const selected = { ...state.selection.selected };
          let totals = state.totals;
          for (const id of ids) {
            totals = replaceContribution(totals, contribution(downloads[id], progress[id]), noTotals);
            delete downloads[id];
            delete progress[id];
            delete selected[id];
          }
          return { downloads, progress, totals, selection: { ...state.selection, selected } };
        }),
      receiveProgress: (items) =>
        set((state) => {
          const progress = { ...state.progress };
          let totals = state.totals;
          for (const item of items) {
            const download = state.downloads[item.id];
            totals = replaceContribution(
              totals,
              contribution(download, progress[item.id]),
              contribution(download, item),
            );
            progress[item.id] = item;
          }
          return { progress, totals, speedSamples: sampled(state.speedSamples, totals) };
        }),
    };
  };
}

function sampled(samples: FerryState['speedSamples'], totals: RunningTotals): FerryState['speedSamples'] {
  return recordSpeed(samples, { at: Date.now(), speed: totals.speed });
}
