import { formatBytes } from '../../shared/format';
import type { Theme } from '../../shared/settings';
import type { FerryState, Section } from './ferry-state';

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
