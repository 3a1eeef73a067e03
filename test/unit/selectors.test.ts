import { describe, expect, it } from 'vitest';
import { defaultView } from '../../renderer/store/download-filters';
import { noTotals } from '../../renderer/store/download-totals';
import type { FerryState } from '../../renderer/store/ferry-state';
import { freshBrowsing } from '../../renderer/store/library-view';
import { emptySelection } from '../../renderer/store/selection';
import {
  formatSpeedLimit,
  selectBrowsedAccountLabel,
  selectSaveStatusLabel,
  selectSection,
  selectSectionTitle,
  selectSettings,
  selectSpeedLimitLabel,
  selectTheme,
  selectVersionLabel,
  selectWelcoming,
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
    openLogFolder: noop,
    appInfo: null,
    appError: null,
    loadAppInfo: noop,
    downloads: {},
    progress: {},
    addError: null,
    adding: false,
    loadDownloads: noop,
    addLinks: async () => false,
    speedSamples: [],
    totals: noTotals,
    listError: null,
    controlDownloads: noop,
    moveDownloads: noop,
    removeDownloads: noop,
    openDownload: noop,
    showDownloadInFolder: noop,
    dragDownload: noop,
    loadPreview: async () => ({ error: 'none' }),
    loadHistory: async () => ({ error: 'none' }),
    showListError: () => undefined,
    dismissListError: () => undefined,
    receiveDownloads: () => undefined,
    receiveProgress: () => undefined,
    forgetDownloads: () => undefined,
    view: defaultView,
    selection: emptySelection,
    setView: () => undefined,
    setSelection: () => undefined,
    accounts: [],
    accountsError: null,
    accountChecks: {},
    loadAccounts: noop,
    createAccount: async () => false,
    removeAccount: noop,
    makeDefaultAccount: noop,
    updateAccount: async () => false,
    testAccount: noop,
    dismissAccountsError: () => undefined,
    browsing: null,
    browseAccount: noop,
    closeBrowse: () => undefined,
    setLibraryFilter: () => undefined,
    showMoreEntries: () => undefined,
    setLibrarySelection: () => undefined,
    chooseEntryFormat: () => undefined,
    chooseLibraryQueue: () => undefined,
    addPickedEntries: noop,
    addDialog: { open: false, text: '' },
    queues: [],
    openAddDialog: () => undefined,
    closeAddDialog: () => undefined,
    setAddText: () => undefined,
    previewLinks: async () => [],
    loadQueues: noop,
    chooseAddFolder: async () => null,
    openQueueId: 1,
    queuesError: null,
    openQueue: () => undefined,
    dismissQueuesError: () => undefined,
    receiveQueues: () => undefined,
    createQueue: async () => false,
    updateQueue: async () => false,
    deleteQueue: async () => false,
    pickQueueFolder: async () => false,
    moveToQueue: async () => false,
    reorderQueue: async () => false,
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

  it('welcome on Downloads only once settings say the welcome is not done', () => {
    expect(selectWelcoming(state())).toBe(false);
    expect(selectWelcoming(state({ settings }))).toBe(true);
    expect(selectWelcoming(state({ settings, section: 'accounts' }))).toBe(false);
    expect(selectWelcoming(state({ settings: { ...settings, firstRunDone: true } }))).toBe(false);
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

describe('the library picker', () => {
  it('names the account being browsed', () => {
    const account = {
      id: 'a1',
      provider: 'echo3d' as const,
      label: 'Studio',
      baseUrl: null,
      isDefault: true,
      fields: {},
    };
    const browsing = freshBrowsing('a1');
    expect(selectBrowsedAccountLabel(state({ accounts: [account], browsing }))).toBe('Studio');
    expect(selectBrowsedAccountLabel(state({ accounts: [account] }))).toBe('');
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
