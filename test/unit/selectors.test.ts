import { describe, expect, it } from 'vitest';
import type { FerryState } from '../../renderer/store/ferry-store';
import {
  formatSpeedLimit,
  selectSaveStatusLabel,
  selectSection,
  selectSectionTitle,
  selectSettings,
  selectSpeedLimitLabel,
  selectTheme,
  selectVersionLabel,
} from '../../renderer/store/selectors';
import { defaultSettings } from '../../shared/settings';

function state(overrides: Partial<FerryState> = {}): FerryState {
  const noop = async () => undefined;
  return {
    section: 'downloads',
    goTo: () => undefined,
    settings: null,
    settingsStatus: 'loading',
    settingsError: null,
    loadSettings: noop,
    updateSettings: noop,
    receiveSettings: () => undefined,
    chooseDownloadDir: noop,
    appInfo: null,
    appError: null,
    loadAppInfo: noop,
    downloads: {},
    progress: {},
    addError: null,
    adding: false,
    loadDownloads: noop,
    addLinks: async () => false,
    controlDownloads: noop,
    receiveDownloads: () => undefined,
    receiveProgress: () => undefined,
    forgetDownloads: () => undefined,
    accounts: [],
    accountsError: null,
    accountChecks: {},
    loadAccounts: noop,
    createAccount: async () => false,
    removeAccount: noop,
    makeDefaultAccount: noop,
    testAccount: noop,
    ...overrides,
  };
}

const settings = defaultSettings('/downloads');

describe('selectors', () => {
  it('select the section and its title', () => {
    expect(selectSection(state({ section: 'queues' }))).toBe('queues');
    expect(selectSectionTitle(state({ section: 'accounts' }))).toBe('Accounts');
  });

  it('select settings and the theme, which is "system" until settings load', () => {
    expect(selectSettings(state())).toBeNull();
    expect(selectTheme(state())).toBe('system');
    expect(selectTheme(state({ settings: { ...settings, theme: 'dark' } }))).toBe('dark');
  });

  it('label the save status, preferring the main process message on error', () => {
    expect(selectSaveStatusLabel(state({ settingsStatus: 'ready' }))).toBe('');
    expect(selectSaveStatusLabel(state({ settingsStatus: 'saving' }))).toBe('Saving…');
    expect(selectSaveStatusLabel(state({ settingsStatus: 'saved' }))).toBe('Saved');
    expect(selectSaveStatusLabel(state({ settingsStatus: 'error', settingsError: 'Disk full.' }))).toBe('Disk full.');
    expect(selectSaveStatusLabel(state({ settingsStatus: 'error' }))).toBe('Ferry could not save your settings.');
  });

  it('label the version once app info is known', () => {
    expect(selectVersionLabel(state())).toBe('');
    const appInfo = {
      name: 'Ferry',
      version: '1.0.0',
      platform: 'linux',
      profileDir: '/p',
      runtime: { node: '24', electron: null, chrome: null },
    };
    expect(selectVersionLabel(state({ appInfo }))).toBe('Ferry 1.0.0');
  });

  it('label the speed limit', () => {
    expect(selectSpeedLimitLabel(state())).toBe('');
    expect(selectSpeedLimitLabel(state({ settings: { ...settings, speedLimit: 0 } }))).toBe('Unlimited');
  });
});

describe('formatSpeedLimit', () => {
  it.each([
    [0, 'Unlimited'],
    [-5, 'Unlimited'],
    [512, '512 B/s'],
    [1024, '1 KiB/s'],
    [1536, '1.5 KiB/s'],
    [2 * 1024 ** 2, '2 MiB/s'],
    [3 * 1024 ** 3, '3 GiB/s'],
    [5 * 1024 ** 4, '5 TiB/s'],
  ])('formats %d as %s', (bytes, label) => {
    expect(formatSpeedLimit(bytes)).toBe(label);
  });
});
