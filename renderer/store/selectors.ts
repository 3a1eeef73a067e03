import { formatBytes } from '../../shared/format';
import type { Theme } from '../../shared/settings';
import type { FerryState } from './ferry-store';
import type { Section } from './navigation-slice';

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
