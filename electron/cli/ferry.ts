import { homedir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../package.json';
import { FerryError } from '../../shared/errors';
import { redactText } from '../../shared/redact';
import { defaultSettings, type Settings } from '../../shared/settings';
import { createEventHub } from '../ipc/event-hub';
import { createLogger, type FerryLogger } from '../logs/ferry-logger';
import { CLI_LOG_FILE, logDirectory } from '../logs/log-folder';
import type { Logger } from '../logs/logger';
import { openSettingsStore } from '../settings/settings-store';
import { DATABASE_FILE } from '../store/database';
import { isSqliteError, libraryFailed } from '../store/library-errors';
import { type CommandLine, parseCommandLine, type RequestedCommand } from './cli-options';
import { endQuietlyWhenOutputCloses } from './closed-output';
import { runCommand } from './commands';
import { commandUsage, UsageError, usage } from './usage';

/** `ferry …` as DESIGN.md section 7 describes it; exit 0 all done, 1 any failed, 2 bad usage or input. */
export async function main(argv: string[]): Promise<number> {
  endQuietlyWhenOutputCloses();
  let line: CommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    return reportFailure(error);
  }
  if (line.kind === 'help') {
    process.stdout.write(`${line.topic ? commandUsage(line.topic) : usage}\n`);
    return 0;
  }
  if (line.kind === 'version') {
    process.stdout.write(`ferry ${version}\n`);
    return 0;
  }
  const logger = openLog(line.options.profileDir, line.options.verbose);
  const code = await runLogged(line.options, logger);
  // Buffered lines reach the file before the process ends.
  await logger.close();
  return code;
}

async function runLogged(requested: RequestedCommand, logger: FerryLogger): Promise<number> {
  const { command, profileDir } = requested;
  logger.info(
    `ferry ${command} (Ferry ${version}, Node ${process.versions.node}, ${process.platform} ${process.arch})`,
  );
  // accounts arguments carry field values, secrets among them, under names the redaction cannot know.
  if (command !== 'accounts' && requested.args.length > 0) logger.debug(`arguments: ${requested.args.join(' ')}`);
  let code: number;
  try {
    const settings = await readSettings(profileDir, logger);
    logger.debug(`profile ${profileDir}; settings ${JSON.stringify(settings)}`);
    code = await runCommand({ ...requested, settings, logger });
  } catch (error) {
    const failure = isSqliteError(error) ? libraryFailed(error, join(profileDir, DATABASE_FILE)) : error;
    // What accounts refuses may quote what was typed, a secret among it: the file gets no details.
    code = reportFailure(failure, command === 'accounts' ? undefined : logger);
  }
  logger.info(`ferry ${command} exits with ${code}`);
  return code;
}

/** Prints what went wrong in the person's words; the log keeps the whole error. */
function reportFailure(error: unknown, logger?: FerryLogger): number {
  if (error instanceof UsageError || error instanceof FerryError) {
    logger?.fileOnly.info(`refused: ${error.message}`);
    const help = error instanceof UsageError ? `\n\n${usage}` : '';
    process.stderr.write(`ferry: ${redactText(error.message)}${help}\n`);
    return 2;
  }
  logger?.fileOnly.error('ferry failed:', error);
  process.stderr.write(
    `ferry: something went wrong: ${redactText(error instanceof Error ? error.message : String(error))}\n`,
  );
  return 1;
}

/** Debug lines are written only when asked for; warnings and errors always reach stderr as well. */
function openLog(profileDir: string, verbose: boolean): FerryLogger {
  return createLogger({
    directory: logDirectory(profileDir),
    fileName: CLI_LOG_FILE,
    fileLevel: verbose ? 'debug' : 'info',
    terminalLevel: verbose ? 'debug' : 'warn',
  });
}

/** The CLI honours the same settings as the app: folder, parallel downloads, connections, speed limit. */
async function readSettings(profileDir: string, logger: Logger): Promise<Settings> {
  const store = await openSettingsStore({
    profileDir,
    defaults: defaultSettings(join(homedir(), 'Downloads')),
    events: createEventHub(logger),
    logger,
  });
  return store.get();
}
