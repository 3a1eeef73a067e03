import type { DownloadAction } from '../../shared/download-status';
import { FerryError } from '../../shared/errors';
import { formatBytes } from '../../shared/format';
import { forDisplay } from '../../shared/redact';
import { AccountStore } from '../accounts/account-store';
import { osKeychain } from '../accounts/keychain';
import { applyControl } from '../downloads/download-controls';
import { enqueue } from '../downloads/enqueue';
import { Scheduler } from '../downloads/scheduler';
import { Engine } from '../engine/engine';
import { defaultProviders, type ProviderRegistry } from '../providers/registry';
import { openDatabase } from '../store/database';
import { DownloadStore } from '../store/download-store';
import { acquireProfileLock, type ProfileLock } from '../store/profile-lock';
import { accountsCommand } from './accounts-command';
import type { CliOptions } from './cli-options';
import { readInputRefs } from './input-refs';
import { createReporter } from './reporter';
import { UsageError } from './usage';

/** What every command works on: one profile's library and accounts, and the platforms Ferry knows. */
interface Library {
  store: DownloadStore;
  accounts: AccountStore;
  providers: ProviderRegistry;
}

export async function runCommand(options: CliOptions): Promise<number> {
  const db = openDatabase(options.profileDir, (message) => options.logger.warn(message));
  try {
    const store = new DownloadStore(db);
    const library = {
      store,
      accounts: new AccountStore(db, osKeychain()),
      providers: defaultProviders(() => options.settings, { gateways: options.gateways }),
    };
    switch (options.command) {
      case 'get':
        return await get(library, options);
      case 'add':
        await add(library, options);
        return 0;
      case 'run':
        return await run(library, options, undefined);
      case 'ls':
        list(store, options.json);
        return 0;
      case 'pause':
      case 'resume':
      case 'cancel':
      case 'retry':
        return await control(store, options);
      case 'accounts':
        return await accountsCommand(db, library.providers, options);
      default:
        throw new UsageError(`"${options.command}" is not a ferry command.`);
    }
  } finally {
    db.close();
  }
}

/** The same way in as the window's Add: bad refs, or an account of another platform, add nothing. */
async function add(library: Library, options: CliOptions): Promise<number[]> {
  const refs = options.input ? [...options.args, ...(await readInputRefs(options.input))] : options.args;
  if (refs.length === 0) throw new UsageError(`${options.command} needs at least one link.`);
  const accountId = options.account ? accountIdFor(library.accounts, options.account) : null;
  const request = {
    refs,
    accountId,
    directory: options.directory,
    connections: options.connections ?? null,
    speedLimit: options.limit ?? null,
    unpack: options.unpack,
  };
  const added = await enqueue({ ...library, settings: options.settings }, request).catch((error: unknown) => {
    // A ref the CLI cannot take is a usage mistake: the usage lists the forms it takes.
    throw error instanceof FerryError && error.code === 'invalid_ref' ? new UsageError(error.message) : error;
  });
  const reporter = createReporter(options.json);
  for (const download of added) reporter.added(download);
  return added.map((download) => download.id);
}

/** Takes the lock before adding anything, so a busy profile leaves no stray downloads behind. */
async function get(library: Library, options: CliOptions): Promise<number> {
  const lock = acquireProfileLock(options.profileDir);
  try {
    const ids = await add(library, options);
    return await run(library, options, new Set(ids), lock);
  } finally {
    lock.release();
  }
}

/** Resumes interrupted work and runs until there is nothing left to do; ferry get waits for its own downloads only. */
async function run(
  library: Library,
  options: CliOptions,
  only: Set<number> | undefined,
  held?: ProfileLock,
): Promise<number> {
  const { store } = library;
  const lock = held ?? acquireProfileLock(options.profileDir);
  const engine = new Engine({ globalSpeedLimit: options.limit ?? options.settings.speedLimit });
  const reporter = createReporter(options.json);
  let failures = 0;
  const scheduler = new Scheduler({
    ...library,
    engine,
    only,
    maxParallel: options.parallel ?? options.settings.maxParallelDownloads,
    connections: options.connections ?? options.settings.connectionsPerDownload,
    logger: options.logger,
    onEvent: (event) => {
      if (event.event === 'failed') failures += 1;
      reporter.event(event, () => store.get(event.id));
    },
  });
  const interrupt = () => void scheduler.stop();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    store.requeueInterrupted(options.settings.interruptedDownloads === 'pause' ? 'paused' : 'queued');
    await scheduler.runUntilIdle();
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    reporter.finish();
    await engine.close();
    if (!held) lock.release();
  }
  // ferry get succeeds only if every one of its downloads is done: not paused, canceled or interrupted.
  const unfinished = only ? [...only].some((id) => store.get(id)?.status !== 'done') : false;
  return failures > 0 || unfinished ? 1 : 0;
}

function list(store: DownloadStore, json: boolean): void {
  for (const download of store.list().map(forDisplay)) {
    if (json) {
      process.stdout.write(`${JSON.stringify(download)}\n`);
      continue;
    }
    const progress = download.size
      ? `${Math.floor((download.received / download.size) * 100)}%`
      : formatBytes(download.received);
    const name = download.path ?? download.name ?? download.ref;
    process.stdout.write(
      `${String(download.id).padStart(5)}  ${download.status.padEnd(11)} ${progress.padStart(9)}  ${name}\n`,
    );
  }
}

/** Changes statuses in the library; a running engine (app or ferry run) follows within a second. */
async function control(store: DownloadStore, options: CliOptions): Promise<number> {
  const action = options.command as DownloadAction;
  const changed = await applyControl(store, action, targetIds(store, options.args));
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ event: action, changed })}\n`
      : `${action}: ${changed} download${changed === 1 ? '' : 's'}\n`,
  );
  return 0;
}

function accountIdFor(accounts: AccountStore, label: string): string {
  const account = accounts.byLabel(label);
  if (!account) throw new UsageError(`there is no account labelled "${label}"; see "ferry accounts ls".`);
  return account.id;
}

function targetIds(store: DownloadStore, args: string[]): number[] | 'all' {
  if (args.length === 1 && args[0] === 'all') return 'all';
  if (args.length === 0) throw new UsageError('say which downloads: an id from "ferry ls", or all.');
  return args.map((arg) => {
    const id = Number(arg);
    if (!Number.isInteger(id) || !store.get(id))
      throw new UsageError(`there is no download with id "${arg}"; see "ferry ls".`);
    return id;
  });
}
