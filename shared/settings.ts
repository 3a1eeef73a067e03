import { z } from 'zod';
import { templateProblem } from './file-name-template';

export const themes = ['system', 'light', 'dark'] as const;

export const MAX_PARALLEL_DOWNLOADS = 16;
/** Trustless gateways that serve CARs to anyone; verification makes trusting them unnecessary. */
export const DEFAULT_IPFS_GATEWAYS: readonly string[] = ['https://trustless-gateway.link', 'https://ipfs.io'];
export const MAX_CONNECTIONS_PER_DOWNLOAD = 16;
/** 10 GiB/s: far above any real link, low enough to catch a typo. */
export const MAX_SPEED_LIMIT = 10 * 1024 ** 3;
/** A day: a Scenario batch job that takes longer has stalled. */
export const MAX_SCENARIO_BATCH_MINUTES = 24 * 60;
/** Deflate itself cannot expand past about 1,032 times; a higher limit only helps ZIPs inside ZIPs. */
export const MAX_UNPACK_RATIO = 100_000;
/** A PiB: far above any disk, low enough to catch a typo. */
export const MAX_UNPACK_GIB = 1024 ** 2;
export const MAX_UNPACK_ENTRIES = 100_000_000;
/** How many folders picked for single adds are remembered; the oldest is forgotten first. */
export const MAX_ADD_FOLDERS = 20;

const editableShape = {
  theme: z.enum(themes),
  maxParallelDownloads: z
    .int('Parallel downloads must be a whole number.')
    .min(1, 'Run at least 1 download at a time.')
    .max(MAX_PARALLEL_DOWNLOADS, `Run at most ${MAX_PARALLEL_DOWNLOADS} downloads at a time.`),
  connectionsPerDownload: z
    .int('Connections must be a whole number.')
    .min(1, 'Use at least 1 connection per download.')
    .max(MAX_CONNECTIONS_PER_DOWNLOAD, `Use at most ${MAX_CONNECTIONS_PER_DOWNLOAD} connections per download.`),
  /** Bytes per second across all downloads; 0 means unlimited. */
  speedLimit: z
    .int('The speed limit must be a whole number.')
    .min(0, 'The speed limit cannot be negative; use 0 for unlimited.')
    .max(MAX_SPEED_LIMIT, 'That speed limit is too large; use 0 for unlimited.'),
  /** A notification when downloads finish (several within a few seconds make one). */
  notifyOnComplete: z.boolean(),
  notifyOnFailure: z.boolean(),
  /** Every download of a queue is done. */
  notifyOnQueueDone: z.boolean(),
  /** A platform refused an account's credentials or token. */
  notifyOnAccountProblem: z.boolean(),
  /** Notifications also while Ferry's window has the focus, where the list already shows the news. */
  notifyWhileFocused: z.boolean(),
  /** Closing the window hides it to the tray (or the dock on macOS) and downloads go on; Quit ends Ferry. */
  closeToTray: z.boolean(),
  /** Whether new downloads unpack ZIP and TAR archives when they finish (each download can say otherwise). */
  unpackArchives: z.boolean(),
  /**
   * How many times its own size an archive may write when unpacked, past the first 16 MiB. Real asset packs rarely
   * pass 20 times; 200 lets every one of them through while a 1 MB ZIP bomb stops at 200 MB.
   */
  unpackMaxRatio: z
    .int('The expansion limit must be a whole number.')
    .min(1, 'Let archives expand at least 1 time their size.')
    .max(MAX_UNPACK_RATIO, `Let archives expand at most ${MAX_UNPACK_RATIO} times their size.`),
  /** The most one archive may write, in GiB (decimals allowed): far above an asset pack, well below a disk. */
  unpackMaxGiB: z
    .number('The largest unpack must be a number of GiB.')
    .min(0.01, 'Let an archive write at least 0.01 GiB (10 MiB).')
    .max(MAX_UNPACK_GIB, `Let an archive write at most ${MAX_UNPACK_GIB} GiB.`),
  /** The most entries (files, folders, links) one archive may hold; every one costs work and memory. */
  unpackMaxEntries: z
    .int('The entry limit must be a whole number.')
    .min(1, 'Let an archive hold at least 1 entry.')
    .max(MAX_UNPACK_ENTRIES, `Let an archive hold at most ${MAX_UNPACK_ENTRIES} entries.`),
  /** What downloads cut off by a crash or a quit do when Ferry starts again. */
  interruptedDownloads: z.enum(['resume', 'pause']),
  /** How long a Scenario batch job may take to prepare its ZIP before the download fails; decimals allowed. */
  scenarioBatchTimeoutMinutes: z
    .number('The Scenario batch wait must be a number of minutes.')
    .min(0.05, 'Wait at least 0.05 minutes (3 seconds) for a Scenario batch.')
    .max(
      MAX_SCENARIO_BATCH_MINUTES,
      `Wait at most ${MAX_SCENARIO_BATCH_MINUTES} minutes (a day) for a Scenario batch.`,
    ),
  /** How long a Delos file that is locked is waited for before its download fails; 0 fails at once. */
  delosLockedTimeoutMinutes: z
    .number('The wait for locked Delos files must be a number of minutes.')
    .min(0, 'The wait for locked Delos files cannot be negative; use 0 not to wait.')
    .max(24 * 60, 'Wait at most a day (1440 minutes) for a locked Delos file.'),
  /** IPFS gateways that CIDs are fetched from and verified, tried in order, when there is no CID store account. */
  ipfsGateways: z
    .array(
      z.url({
        protocol: /^https?$/,
        error: 'An IPFS gateway is an http(s) address, such as https://trustless-gateway.link.',
      }),
    )
    .min(1, 'Give at least one IPFS gateway.')
    .max(10, 'Give at most 10 IPFS gateways.'),
  /** Folders below the download folder, ending in {name}: `{provider}/{name}`. */
  fileNameTemplate: z
    .string()
    .max(200)
    .refine((template) => templateProblem(template) === null, {
      error: (issue) => templateProblem(String(issue.input)) ?? 'This template is not allowed.',
    }),
  /** Keeps the computer from sleeping while downloads run (the screen may still turn off). */
  preventSleepWhileDownloading: z.boolean(),
  /** Ferry starts, with its window, when the person logs in to the computer. */
  openAtLogin: z.boolean(),
  /** Offer to add refs the person copies (opt-in: off, the clipboard is never read). */
  watchClipboard: z.boolean(),
  /** The welcome screen was started or skipped; a profile with settings saved before it existed counts as done. */
  firstRunDone: z.boolean(),
};

export const settingsSchema = z.object({
  ...editableShape,
  /** Chosen through a folder dialog in the main process, never typed in by the renderer. */
  downloadDir: z.string().min(1),
  /**
   * Folders the picker gave for a single add, the last used last: the only folders an add may name, kept across
   * restarts. Like the download folder, only the main process writes them.
   */
  addFolders: z.array(z.string().min(1)).max(MAX_ADD_FOLDERS),
  /** The "Ferry is still running" notice was shown once, the first time the window closed to the tray. */
  closeToTrayExplained: z.boolean(),
});

/** What the renderer may change: any editable field, nothing unknown. */
export const settingsPatchSchema = z.strictObject(editableShape).partial();

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
export type Theme = Settings['theme'];
export type EditableSetting = keyof typeof editableShape;

export function defaultSettings(downloadDir: string): Settings {
  return {
    theme: 'system',
    maxParallelDownloads: 3,
    connectionsPerDownload: 4,
    speedLimit: 0,
    notifyOnComplete: true,
    notifyOnFailure: true,
    notifyOnQueueDone: true,
    notifyOnAccountProblem: true,
    notifyWhileFocused: false,
    closeToTray: true,
    unpackArchives: false,
    unpackMaxRatio: 200,
    unpackMaxGiB: 20,
    unpackMaxEntries: 100_000,
    interruptedDownloads: 'resume',
    scenarioBatchTimeoutMinutes: 30,
    delosLockedTimeoutMinutes: 60,
    fileNameTemplate: '{name}',
    ipfsGateways: [...DEFAULT_IPFS_GATEWAYS],
    preventSleepWhileDownloading: true,
    openAtLogin: false,
    watchClipboard: false,
    firstRunDone: false,
    downloadDir,
    addFolders: [],
    closeToTrayExplained: false,
  };
}

/** Checks one editable field; returns a person-readable problem or null. */
export function settingProblem<K extends EditableSetting>(key: K, value: unknown): string | null {
  const result = editableShape[key].safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not allowed.');
}
