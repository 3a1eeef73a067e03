import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FerryError } from '../../shared/errors';
import { redactText } from '../../shared/redact';
import { defaultSettings, MAX_CONNECTIONS_PER_DOWNLOAD, type Settings } from '../../shared/settings';
import { createEventHub } from '../ipc/event-hub';
import { defaultProfileDir, resolveProfileDir } from '../profile';
import { redactingLogger } from '../redacting-logger';
import { openSettingsStore } from '../settings/settings-store';
import { runCommand } from './commands';
import { parseRate } from './parse-rate';
import { UsageError, usage } from './usage';

export interface CliOptions {
  command: string;
  args: string[];
  profileDir: string;
  settings: Settings;
  directory?: string;
  connections?: number;
  parallel?: number;
  limit?: number;
  /** --unpack / --no-unpack; the settings' default when neither is given. */
  unpack?: boolean;
  json: boolean;
  label?: string;
  baseUrl?: string;
  account?: string;
}

const MAX_PARALLEL = 64;

/** `ferry …` as DESIGN.md section 7 describes it; exit 0 all done, 1 any failed, 2 bad usage or input. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await runCommand(await parseCli(argv));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ferry: ${redactText(error.message)}\n\n${usage}\n`);
      return 2;
    }
    if (error instanceof FerryError) {
      process.stderr.write(`ferry: ${redactText(error.message)}\n`);
      return 2;
    }
    process.stderr.write(
      `ferry: something went wrong: ${redactText(error instanceof Error ? error.message : String(error))}\n`,
    );
    return 1;
  }
}

async function parseCli(argv: string[]): Promise<CliOptions> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (!command) throw new UsageError('say what to do, for example: ferry get https://example.com/file.zip');
  const profileDir = values.profile ? resolve(values.profile) : resolveProfileDir(process.env, defaultProfileDir());
  return {
    command,
    args,
    profileDir,
    settings: await readSettings(profileDir),
    directory: values.output ? resolve(values.output) : undefined,
    connections: integerOption('--connections', values.connections, MAX_CONNECTIONS_PER_DOWNLOAD),
    parallel: integerOption('--parallel', values.parallel, MAX_PARALLEL),
    limit: rateOption(values.limit),
    unpack: values.unpack,
    json: values.json ?? false,
    label: values.label,
    account: values.account,
    baseUrl: values['base-url'],
  };
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o' },
      account: { type: 'string' },
      connections: { type: 'string' },
      parallel: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      unpack: { type: 'boolean' },
      profile: { type: 'string' },
      label: { type: 'string' },
      'base-url': { type: 'string' },
    },
  });
}

function integerOption(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new UsageError(`${name} takes a whole number from 1 to ${max}, not "${value}".`);
  }
  return number;
}

function rateOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rate = parseRate(value);
  if (rate === undefined)
    throw new UsageError(`--limit takes a rate such as 500K or 2M (bytes per second), not "${value}".`);
  return rate;
}

/** The CLI honours the same settings as the app: folder, parallel downloads, connections, speed limit. */
async function readSettings(profileDir: string): Promise<Settings> {
  const store = await openSettingsStore({
    profileDir,
    defaults: defaultSettings(join(homedir(), 'Downloads')),
    events: createEventHub(redactingLogger()),
    logger: redactingLogger(),
  });
  return store.get();
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
