import type { StateCreator } from 'zustand';
import type { FerryState } from './ferry-store';

export const sections = ['downloads', 'queues', 'accounts', 'settings'] as const;
export type Section = (typeof sections)[number];

export interface NavigationSlice {
  section: Section;
  goTo(section: Section): void;
}

export const createNavigationSlice: StateCreator<FerryState, [], [], NavigationSlice> = (set) => ({
  section: 'downloads',
  goTo: (section) => set({ section }),
});
