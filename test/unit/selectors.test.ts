import { describe, expect, it } from 'vitest';
import { defaultView } from '../../renderer/store/download-filters';
import { noTotals } from '../../renderer/store/download-totals';
import type { FerryState } from '../../renderer/store/ferry-state';
import { freshBrowsing } from '../../renderer/store/library-view';
import { emptySelection } from '../../renderer/store/selection';
import {
  formatSpeedLimit,
  selectAccountLabel,
  selectBrowsedAccountLabel,
  selectChosenRef,
  selectDefaultQueueName,
  selectDownloadDir,
  selectLibraryOpen,
  selectLiveProgress,
  selectOpenQueue,
  selectSaveStatusLabel,
  selectSection,
  selectSectionTitle,
  selectSettings,
  selectSettingsError,
  selectSortingProgress,
  selectSpeedLimitLabel,
  selectTheme,
  selectUnpackByDefault,
  selectVersionLabel,
  selectWelcoming,
} from '../../renderer/store/selectors';
import type { Account } from '../../shared/accounts';
import type { Queue } from '../../shared/queues';
import { defaultSettings } from '../../shared/settings';
import { download } from './download-fixture';

function state(overrides: Partial<FerryState> = {}): FerryState {
  const noop = async () => undefined;
  return {
    section: 'downloads',
    goTo: () => undefined,
    revealedAccount: null,
    reveal: () => undefined,
    settings: null,
    settingsStatus: 'loading',
    settingsError: null,
    loadSettings: noop,
    updateSettings: noop,
    receiveSettings: () => undefined,
    chooseDownloadDir: noop,
    openLogFolder: noop,
    cliLink: null,
    linkCli: noop,
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
    addDialog: { open: false, text: '', queueId: null },
    queues: [],
    openAddDialog: () => undefined,
    closeAddDialog: () => undefined,
    clipboardOffer: null,
    receiveClipboardOffer: () => undefined,
    acceptClipboardOffer: () => undefined,
    dismissClipboardOffer: () => undefined,
    takeAddRequests: noop,
    takeReveal: noop,
    notices: [],
    takeNotices: noop,
    receiveNotice: () => undefined,
    dismissNotice: () => undefined,
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

function queue(id: number, name: string): Queue {
  return { id, name, concurrency: 1, paused: false, directory: null, speedLimit: 0, schedule: null } as Queue;
}

describe('selectors that hold a rule', () => {
  const report = { id: 7, received: 50, size: 100, speed: 10, eta: 5 };

  it('give a row its live progress only while it transfers', () => {
    const progress = { 7: report };
    const running = state({ downloads: { 7: download({ id: 7, status: 'downloading' }) }, progress });
    expect(selectLiveProgress(running, 7)).toBe(report);
    const paused = state({ downloads: { 7: download({ id: 7, status: 'paused' }) }, progress });
    expect(selectLiveProgress(paused, 7)).toBeUndefined();
    expect(selectLiveProgress(state({ progress }), 7)).toBeUndefined();
  });

  it('name the account a download is signed with, or nothing when it has none or it is gone', () => {
    const accounts = [{ id: 'a1', label: 'Studio' }] as Account[];
    expect(selectAccountLabel(state({ accounts }), 'a1')).toBe('Studio');
    expect(selectAccountLabel(state({ accounts }), 'gone')).toBeNull();
    expect(selectAccountLabel(state({ accounts }), null)).toBeNull();
  });

  it('hand the list progress only when it is sorted by progress', () => {
    const progress = { 7: report };
    expect(selectSortingProgress(state({ progress }))).toBeNull();
    expect(selectSortingProgress(state({ progress, view: { ...defaultView, sort: 'progress' } }))).toBe(progress);
  });

  it('find the open queue and the default queue by its current name', () => {
    const queues = [queue(1, 'Everyday'), queue(4, 'Night')];
    expect(selectOpenQueue(state({ queues, openQueueId: 4 }))?.name).toBe('Night');
    expect(selectOpenQueue(state({ queues, openQueueId: 9 }))).toBeUndefined();
    expect(selectDefaultQueueName(state({ queues }))).toBe('Everyday');
    expect(selectDefaultQueueName(state())).toBe('Default');
  });

  it('read settings with their defaults until they arrive, and their error only in the error state', () => {
    expect(selectDownloadDir(state())).toBe('');
    expect(selectDownloadDir(state({ settings }))).toBe('/downloads');
    expect(selectUnpackByDefault(state())).toBe(false);
    expect(selectUnpackByDefault(state({ settings: { ...settings, unpackArchives: true } }))).toBe(true);
    expect(selectSettingsError(state({ settingsStatus: 'saved', settingsError: 'old' }))).toBeNull();
    expect(selectSettingsError(state({ settingsStatus: 'error', settingsError: 'Disk full.' }))).toBe('Disk full.');
  });

  it('tell whether the library picker is open and which ref an entry goes as', () => {
    expect(selectLibraryOpen(state())).toBe(false);
    expect(selectChosenRef(state(), 0)).toBe('');
    const browsing = {
      ...freshBrowsing('a1'),
      entries: [
        { name: 'castle', type: 'glb', ref: 'echo3d:entry/e1', formats: [], tags: [], detail: '', choices: [] },
      ],
    } as FerryState['browsing'];
    const open = state({ browsing });
    expect(selectLibraryOpen(open)).toBe(true);
    expect(selectChosenRef(open, 0)).toBe('echo3d:entry/e1');
  });
});
