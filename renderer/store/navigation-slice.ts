import type { StateCreator } from 'zustand';
import { defaultView, matchesView } from './download-filters';
import type { FerryState, NavigationSlice } from './ferry-state';
import { selectOnly } from './selection';

export const createNavigationSlice: StateCreator<FerryState, [], [], NavigationSlice> = (set, get) => ({
  section: 'downloads',
  revealedAccount: null,
  goTo: (section) => set({ section, revealedAccount: null }),
  reveal: (target) => {
    set({ revealedAccount: null });
    if (target.kind === 'queue') {
      set({ section: 'queues', openQueueId: target.id });
    } else if (target.kind === 'account') {
      set({ section: 'accounts', revealedAccount: { id: target.id } });
    } else if (target.kind === 'settings') {
      set({ section: 'settings' });
    } else {
      const download = get().downloads[target.id];
      // A filter or search that hides the download would leave its details with nothing selected to show.
      const view = download && !matchesView(download, get().view) ? defaultView : get().view;
      set({ section: 'downloads', view, selection: selectOnly(target.id) });
    }
  },
});
