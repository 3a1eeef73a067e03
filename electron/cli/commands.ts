import { join } from 'node:path';
import type { DownloadAction } from '../../shared/downloads';
import { formatBytes } from '../../shared/format';
import { forDisplay } from '../../shared/redact';
import { AccountStore } from '../accounts/account-store';
import { osKeychain } from '../accounts/keychain';
import { destinationFor } from '../downloads/destination';
import { applyControl } from '../downloads/download-controls';
import { Scheduler } from '../downloads/scheduler';
import { Engine } from '../engine/engine';
import { expandRefs } from '../providers/expand-refs';
import { providerFor, refProblem } from '../providers/registry';
import { openDatabase } from '../store/database';
import { DownloadStore } from '../store/download-store';
import { acquireProfileLock, type ProfileLock } from '../store/profile-lock';
import { accountsCommand } from './accounts-command';
import type { CliOptions } from './cli-options';
import { createReporter } from './reporter';
import { UsageError } from './usage';

export async function runCommand(options: CliOptions): Promise<number> {
  const db = openDatabase(options.profileDir);
  try {
    const store = new DownloadStore(db);
    const accounts = new AccountStore(db, osKeychain());
    switch (options.command) {
      case 'get':
        return await get(store, accounts, options);
      case 'add':
        await add(store, accounts, options);
        return 0;
      case 'run':
        return await run(store, accounts, options, undefined);
      case 'ls':
        list(store, options.json);
        return 0;
      case 'pause':
      case 'resume':
      case 'cancel':
      case 'retry':
        return await control(store, options);
      case 'accounts':
        return await accountsCommand(db, options);
      default:
        throw new UsageError(`"${options.command}" is not a ferry command.`);
    }
  } finally {
    db.close();
  }
}

async function add(store: DownloadStore, accounts: AccountStore, options: CliOptions): Promise<number[]> {
  if (options.args.length === 0) throw new UsageError(`${options.command} needs at least one link.`);
  const problems = options.args.map(refProblem).filter((problem): problem is string => problem !== null);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const accountId = options.account ? accountIdFor(accounts, options.account) : null;
  const files = await expandRefs(options.args, accounts, accountId);
  const reporter = createReporter(options.json);
  const added = store.addMany(
    files.map(({ ref, folder }) => ({
      ref,
      accountId,
      directory: join(
        options.directory ??
          destinationFor(options.settings, { provider: providerFor(ref)?.id ?? 'http', queue: 'Default' }),
        folder,
      ),
      connections: options.connections ?? null,
      speedLimit: options.limit ?? null,
      unpack: options.unpack ?? options.settings.unpackArchives,
    })),
  );
  for (const download of added) reporter.added(download);
  return added.map((download) => download.id);
}

/** Takes the lock before adding anything, so a busy profile leaves no stray downloads behind. */
async function get(store: DownloadStore, accounts: AccountStore, options: CliOptions): Promise<number> {
  const lock = acquireProfileLock(options.profileDir);
  try {
    const ids = await add(store, accounts, options);
    return await run(store, accounts, options, new Set(ids), lock);
  } finally {
    lock.release();
  }
}

/** Resumes interrupted work and runs until there is nothing left to do; ferry get waits for its own downloads only. */
async function run(
  store: DownloadStore,
  accounts: AccountStore,
  options: CliOptions,
  only: Set<number> | undefined,
  held?: ProfileLock,
): Promise<number> {
  const lock = held ?? acquireProfileLock(options.profileDir);
  const engine = new Engine({ globalSpeedLimit: options.limit ?? options.settings.speedLimit });
  const reporter = createReporter(options.json);
  let failures = 0;
  const scheduler = new Scheduler({
    store,
    accounts,
    engine,
    only,
    maxParallel: options.parallel ?? options.settings.maxParallelDownloads,
    connections: options.connections ?? options.settings.connectionsPerDownload,
    logger: options.logger,
    onEvent: (event) => {
      if (event.event === 'failed') failures += 1;
      reporter.event(event, store.get(event.id));
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
