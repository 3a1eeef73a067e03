import type { DownloadProgress } from '../../shared/downloads';
import { formatBytes } from '../../shared/format';
import { DEFAULT_QUEUE_ID, type Queue } from '../../shared/queues';
import type { Theme } from '../../shared/settings';
import { liveProgress } from './download-rows';
import type { FerryState, Section } from './ferry-state';
import { chosenRef } from './library-view';

export const sectionTitles: Record<Section, string> = {
  downloads: 'Downloads',
  queues: 'Queues',
  accounts: 'Accounts',
  settings: 'Settings',
};

export const selectSection = (state: FerryState): Section => state.section;

export const selectSectionTitle = (state: FerryState): string => sectionTitles[state.section];

export const selectSettings = (state: FerryState) => state.settings;

export const selectTheme = (state: FerryState): Theme => state.settings?.theme ?? 'system';

/** The welcome stands in for the Downloads list until it is done; the other sections stay reachable. */
export const selectWelcoming = (state: FerryState): boolean =>
  state.section === 'downloads' && state.settings?.firstRunDone === false;

export function selectSaveStatusLabel(state: FerryState): string {
  switch (state.settingsStatus) {
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'error':
      return state.settingsError ?? 'Ferry could not save your settings.';
    default:
      return '';
  }
}

export function selectVersionLabel(state: FerryState): string {
  return state.appInfo ? `${state.appInfo.name} ${state.appInfo.version}` : '';
}

/** Bytes per second as a person reads it; 0 is "Unlimited". */
export function formatSpeedLimit(bytesPerSecond: number): string {
  return bytesPerSecond <= 0 ? 'Unlimited' : `${formatBytes(bytesPerSecond)}/s`;
}

export const selectSpeedLimitLabel = (state: FerryState): string =>
  state.settings ? formatSpeedLimit(state.settings.speedLimit) : '';

/** The label of the account the picker is open on. */
export function selectBrowsedAccountLabel(state: FerryState): string {
  const id = state.browsing?.accountId;
  return state.accounts.find((account) => account.id === id)?.label ?? '';
}

/** One download's live report, only while it transfers: see `liveProgress`. */
export const selectLiveProgress = (state: FerryState, id: number): DownloadProgress | undefined =>
  liveProgress(state.downloads[id], state.progress);

/** The label of the account a download is signed with; null when it needs none or the account is gone. */
export function selectAccountLabel(state: FerryState, accountId: string | null | undefined): string | null {
  if (!accountId) return null;
  return state.accounts.find((account) => account.id === accountId)?.label ?? null;
}

/** Progress only moves rows when the list is sorted by it; otherwise a report must not re-sort ten thousand rows. */
export const selectSortingProgress = (state: FerryState): Record<number, DownloadProgress> | null =>
  state.view.sort === 'progress' ? state.progress : null;

/** The queue the Queues view shows, if it still exists. */
export const selectOpenQueue = (state: FerryState): Queue | undefined =>
  state.queues.find((queue) => queue.id === state.openQueueId);

/** The queue a deleted queue's downloads go back to, by its current name. */
export const selectDefaultQueueName = (state: FerryState): string =>
  state.queues.find((queue) => queue.id === DEFAULT_QUEUE_ID)?.name ?? 'Default';

/** Why the settings could not be saved, or null while they are fine. */
export const selectSettingsError = (state: FerryState): string | null =>
  state.settingsStatus === 'error' ? state.settingsError : null;

/** The download folder, or '' before the settings arrive. */
export const selectDownloadDir = (state: FerryState): string => state.settings?.downloadDir ?? '';

/** Whether an add unpacks archives unless told otherwise; off before the settings arrive. */
export const selectUnpackByDefault = (state: FerryState): boolean => state.settings?.unpackArchives ?? false;

export const selectLibraryOpen = (state: FerryState): boolean => state.browsing !== null;

/** The ref a library entry will be queued as: its chosen format's, or the entry's own. */
export const selectChosenRef = (state: FerryState, index: number): string =>
  state.browsing ? chosenRef(state.browsing, index) : '';
