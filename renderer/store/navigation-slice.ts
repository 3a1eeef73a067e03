import type { StateCreator } from 'zustand';
import type { FerryState, NavigationSlice } from './ferry-state';

export const createNavigationSlice: StateCreator<FerryState, [], [], NavigationSlice> = (set) => ({
  section: 'downloads',
  goTo: (section) => set({ section }),
});
