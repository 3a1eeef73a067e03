import type { StateCreator } from 'zustand';
import { cliLinkNote } from '../../shared/cli-link';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { FerryState, SettingsSlice } from './ferry-state';

export function createSettingsSlice(client: FerryClient): StateCreator<FerryState, [], [], SettingsSlice> {
  // Only the newest update's answer may touch the store: an older one arriving
  // late would otherwise undo what the person typed since.
  let latestUpdate = 0;
  return (set, get) => ({
    settings: null,
    settingsStatus: 'loading',
    settingsError: null,
    async loadSettings() {
      set({ settingsStatus: 'loading', settingsError: null });
      try {
        set({ settings: await client.call('settings:get'), settingsStatus: 'ready' });
      } catch (error) {
        set({ settingsStatus: 'error', settingsError: errorMessage(error) });
      }
    },
    async updateSettings(patch) {
      // Show the change at once; the main process's answer confirms or reverts it.
      const update = ++latestUpdate;
      const previous = get().settings;
      set({ settings: previous && { ...previous, ...patch }, settingsStatus: 'saving', settingsError: null });
      try {
        const saved = await client.call('settings:update', patch);
        if (update === latestUpdate) set({ settings: saved, settingsStatus: 'saved' });
      } catch (error) {
        if (update === latestUpdate)
          set({ settings: previous, settingsStatus: 'error', settingsError: errorMessage(error) });
      }
    },
    async chooseDownloadDir() {
      try {
        set({
          settings: await client.call('settings:chooseDownloadDir'),
          settingsStatus: 'saved',
          settingsError: null,
        });
      } catch (error) {
        set({ settingsStatus: 'error', settingsError: errorMessage(error) });
      }
    },
    async openLogFolder() {
      try {
        await client.call('app:openLogFolder');
        if (get().settingsStatus === 'error') set({ settingsStatus: 'ready', settingsError: null });
      } catch (error) {
        set({ settingsStatus: 'error', settingsError: errorMessage(error) });
      }
    },
    cliLink: null,
    async linkCli() {
      try {
        set({ cliLink: { note: cliLinkNote(await client.call('app:linkCli')), failed: false } });
      } catch (error) {
        set({ cliLink: { note: errorMessage(error), failed: true } });
      }
    },
    receiveSettings: (settings) => set({ settings }),
  });
}
