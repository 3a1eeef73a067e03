import type { Account, AccountUpdate, BrowseEntry, NewAccount } from '../../shared/accounts';
import type { ClipboardOffer } from '../../shared/add-request';
import type { AppInfo } from '../../shared/app-info';
import type { AppNotice } from '../../shared/app-notice';
import type { DownloadEvent } from '../../shared/download-history';
import type { DownloadAction } from '../../shared/download-status';
import type { Download, DownloadProgress } from '../../shared/downloads';
import type { FilePreview } from '../../shared/file-preview';
import type { Queue, QueuePatch } from '../../shared/queues';
import type { RefPreview } from '../../shared/ref-preview';
import type { RevealTarget } from '../../shared/reveal';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { DownloadsView } from './download-filters';
import type { RunningTotals, SpeedSample } from './download-totals';
import type { Selection } from './selection';

/**
 * What the renderer's one store holds, slice by slice: the shape is here, the
 * behaviour in each `*-slice.ts`. Keeping the types apart from the slices lets
 * a slice read another's state without the files importing each other.
 */

export const sections = ['downloads', 'queues', 'accounts', 'settings'] as const;

export type Section = (typeof sections)[number];

export interface NavigationSlice {
  section: Section;
  goTo(section: Section): void;
  /** A notification or the tray asked for this: its view, and the download selected (its details open) or the queue open. */
  reveal(target: RevealTarget): void;
  /** The account a notice asked for, highlighted in Accounts until the person goes elsewhere; a new object each time. */
  revealedAccount: { id: string } | null;
}

export type SettingsStatus = 'loading' | 'ready' | 'saving' | 'saved' | 'error';

export interface SettingsSlice {
  settings: Settings | null;
  settingsStatus: SettingsStatus;
  settingsError: string | null;
  loadSettings(): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<void>;
  /** Opens the system folder picker in the main process; the window never names a path itself. */
  chooseDownloadDir(): Promise<void>;
  /** Shows the folder of Ferry's log files, to attach to a problem report; a failure shows like a settings error. */
  openLogFolder(): Promise<void>;
  /** What linking the `ferry` command onto PATH did (or why it could not), for Settings; null before a try. */
  cliLink: { note: string; failed: boolean } | null;
  linkCli(): Promise<void>;
  /** Settings changed elsewhere (another window, the tray, the CLI). */
  receiveSettings(settings: Settings): void;
}

export interface AppSlice {
  appInfo: AppInfo | null;
  appError: string | null;
  loadAppInfo(): Promise<void>;
  /** Says the window listens for reveals, and brings up one that a notification or the tray asked for before. */
  takeReveal(): Promise<void>;
  /** Warnings a person must read (the library lost its latest changes), oldest first, until each is dismissed. */
  notices: AppNotice[];
  /** Says the window listens for warnings, and shows those raised before it did (at start). */
  takeNotices(): Promise<void>;
  receiveNotice(notice: AppNotice): void;
  dismissNotice(id: number): void;
}

export interface DownloadsSlice {
  downloads: Record<number, Download>;
  progress: Record<number, DownloadProgress>;
  addError: string | null;
  adding: boolean;
  loadDownloads(): Promise<void>;
  /** Adds every link in the text (one per line or space-separated); true when they were added. */
  addLinks(
    text: string,
    options?: { unpack?: boolean; queueId?: number; accountId?: string; directory?: string },
  ): Promise<boolean>;
  /** The overall speed over the last minute, sampled as progress and changes arrive, for the sparkline. */
  speedSamples: SpeedSample[];
  /** Counts and sums for the totals bar, updated by each change and progress batch for what it touched. */
  totals: RunningTotals;
  /** What went wrong with the last thing done from the list (pause, remove, open…). */
  listError: string | null;
  controlDownloads(action: DownloadAction, ids: number[]): Promise<void>;
  /** Moves downloads to another queue from the list; a refusal shows above the list. */
  moveDownloads(ids: number[], queueId: number): Promise<void>;
  /** Removes downloads that are not running; with `deleteFiles` their files go too. */
  removeDownloads(ids: number[], deleteFiles: boolean): Promise<void>;
  openDownload(id: number): Promise<void>;
  showDownloadInFolder(id: number): Promise<void>;
  /** Hands a finished file to the main process, which starts the native drag out of the window. */
  dragDownload(id: number): Promise<void>;
  /** A finished image or model's bytes for the Details panel, or why it cannot be shown. */
  loadPreview(id: number): Promise<{ preview: FilePreview } | { error: string }>;
  /** A download's timeline (starts, retries and why, pauses, the outcome), or why it cannot be read. */
  loadHistory(id: number): Promise<{ events: DownloadEvent[] } | { error: string }>;
  showListError(message: string): void;
  dismissListError(): void;
  receiveDownloads(changed: Download[]): void;
  receiveProgress(items: DownloadProgress[]): void;
  forgetDownloads(ids: number[]): void;
}

/** How the Downloads list is filtered and sorted, and which of its rows are selected. */
export interface DownloadsViewSlice {
  view: DownloadsView;
  selection: Selection;
  setView(patch: Partial<DownloadsView>): void;
  setSelection(selection: Selection): void;
}

/** What the last Test of an account is doing or said. */
export type AccountCheck =
  | { status: 'testing' }
  | { status: 'ok'; message: string }
  | { status: 'failed'; message: string; refused: boolean };

export interface AccountsSlice {
  accounts: Account[];
  accountsError: string | null;
  /** What the last test of each account is doing or said, by account id. */
  accountChecks: Record<string, AccountCheck>;
  loadAccounts(): Promise<void>;
  /** True when the account was saved; false with accountsError set otherwise. */
  createAccount(account: NewAccount): Promise<boolean>;
  removeAccount(id: string): Promise<void>;
  makeDefaultAccount(id: string): Promise<void>;
  /** Saves the change, then tests the account again; true when saved, false with accountsError set otherwise. */
  updateAccount(id: string, change: AccountUpdate): Promise<boolean>;
  testAccount(id: string): Promise<void>;
  dismissAccountsError(): void;
}

/** The picker over one account's library. Entries are named by their index in `entries`. */
export interface Browsing {
  accountId: string;
  status: 'loading' | 'ready' | 'failed';
  entries: BrowseEntry[];
  /** Why the library could not be read. */
  error: string | null;
  filter: string;
  /** How many matching entries the list shows: it grows a page at a time. */
  shown: number;
  selection: Selection;
  /** The ref picked for an entry, when not the entry as it is (a format the platform converts to). */
  choices: Record<number, string>;
  /** Null until the person picks one: the first queue (Default). */
  queueId: number | null;
  adding: boolean;
  /** Entries queued from this picker, so their rows can say so. */
  added: Record<number, true>;
  result: LibraryAddResult | null;
}

/** What one "Add N" did: how many entries were queued, and each one refused with its reason. */
export interface LibraryAddResult {
  added: number;
  queue: string;
  failed: { name: string; reason: string }[];
}

export interface BrowseSlice {
  browsing: Browsing | null;
  browseAccount(accountId: string): Promise<void>;
  closeBrowse(): void;
  setLibraryFilter(filter: string): void;
  showMoreEntries(): void;
  setLibrarySelection(selection: Selection): void;
  chooseEntryFormat(index: number, ref: string): void;
  chooseLibraryQueue(queueId: number): void;
  /** Queues the selected entries, each in its chosen format, signed with the account being browsed. */
  addPickedEntries(): Promise<void>;
}

export interface AddDialogSlice {
  /** `queueId`: the queue it starts on, null for Default. */
  addDialog: { open: boolean; text: string; queueId: number | null };
  /**
   * Opens the dialog with the text, and a notice to show; when it is open already, the text is added to what it holds.
   * Opened over the Queues view, it starts on the queue shown there.
   */
  openAddDialog(text?: string, notice?: string): void;
  closeAddDialog(): void;
  /** Refs the person copied (clipboard watch on), offered in a bar until added or dismissed. */
  clipboardOffer: ClipboardOffer | null;
  receiveClipboardOffer(offer: ClipboardOffer): void;
  /** Opens the Add dialog with the offered refs; nothing is queued until the person confirms there. */
  acceptClipboardOffer(): void;
  dismissClipboardOffer(): void;
  /** Says the window listens for ferry:// links and launches, and opens the dialog for any that came while it loaded. */
  takeAddRequests(): Promise<void>;
  setAddText(text: string): void;
  /** What Ferry understands of each ref; null when the main process could not be asked (addError says why). */
  previewLinks(refs: string[]): Promise<RefPreview[] | null>;
  /** Opens the system folder picker in the main process for this add only; null when canceled or it failed. */
  chooseAddFolder(): Promise<string | null>;
}

/** The Queues view: the open queue, and what changes queues and the order of what waits in them. */
export interface QueuesSlice {
  /** Every queue, in the library's order; the add dialog offers them too. */
  queues: Queue[];
  openQueueId: number;
  /** What went wrong with the last thing done in the Queues view. */
  queuesError: string | null;
  openQueue(id: number): void;
  dismissQueuesError(): void;
  /** Reads the queues again; the add dialog does when it opens. */
  loadQueues(): Promise<void>;
  /** Queues as the main process sent them (`queues:changed`), or as a call answered. */
  receiveQueues(queues: Queue[]): void;
  /** Each answers true when the main process accepted the change; queuesError says why not. */
  createQueue(name: string): Promise<boolean>;
  /** The window never names a folder: `pickQueueFolder` asks the person in the main process. */
  updateQueue(id: number, patch: Omit<QueuePatch, 'directory'>): Promise<boolean>;
  /** Its downloads move to the default queue. */
  deleteQueue(id: number): Promise<boolean>;
  /** Opens the system folder picker for the queue's folder in the main process. */
  pickQueueFolder(id: number): Promise<boolean>;
  moveToQueue(ids: number[], queueId: number): Promise<boolean>;
  /** Makes the queue's downloads start in this order (ids top to bottom), through their priorities. */
  reorderQueue(queueId: number, ids: number[]): Promise<boolean>;
}

export type FerryState = NavigationSlice &
  SettingsSlice &
  AppSlice &
  DownloadsSlice &
  DownloadsViewSlice &
  AccountsSlice &
  BrowseSlice &
  AddDialogSlice &
  QueuesSlice;
