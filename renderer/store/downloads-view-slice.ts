import type { StateCreator } from 'zustand';
import { defaultView } from './download-filters';
import type { DownloadsViewSlice, FerryState } from './ferry-state';
import { emptySelection } from './selection';

export const createDownloadsViewSlice: StateCreator<FerryState, [], [], DownloadsViewSlice> = (set) => ({
  view: defaultView,
  selection: emptySelection,
  setView: (patch) => set((state) => ({ view: { ...state.view, ...patch } })),
  setSelection: (selection) => set({ selection }),
});
