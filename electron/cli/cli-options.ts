import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_CONNECTIONS_PER_DOWNLOAD, type Settings } from '../../shared/settings';
import type { Logger } from '../logs/logger';
import { defaultProfileDir, resolveProfileDir } from '../profile';
import { gatewayProblem } from '../providers/cid/gateways';
import { parseRate } from './parse-rate';
import { isCommand, UsageError } from './usage';

/** What one run of `ferry` was asked to do, and the profile's settings and log it does it with. */
export interface CliOptions {
  command: string;
  args: string[];
  profileDir: string;
  settings: Settings;
  logger: Logger;
  directory?: string;
  connections?: number;
  parallel?: number;
  limit?: number;
  /** --unpack / --no-unpack; the settings' default when neither is given. */
  unpack?: boolean;
  json: boolean;
  /** Debug lines in the log, and info and debug lines on stderr too. */
  verbose: boolean;
  label?: string;
  baseUrl?: string;
  account?: string;
  /** --gateway, repeatable: IPFS gateways for CIDs, used even when there is a CID store account. */
  gateways?: string[];
  /** --input: a file of refs, one per line (`-`: standard input). */
  input?: string;
}

/** A command as the command line asks for it, before the profile's settings and log are opened. */
export type RequestedCommand = Omit<CliOptions, 'settings' | 'logger'>;

export type CommandLine =
  | { kind: 'help'; topic?: string }
  | { kind: 'version' }
  | { kind: 'command'; options: RequestedCommand };

const MAX_PARALLEL = 64;

export function parseCommandLine(argv: string[]): CommandLine {
  const { values, positionals } = parseOptions(argv);
  refuseEmptyValues(values);
  const [command, ...args] = positionals;
  if (values.version || command === 'version') return { kind: 'version' };
  if (command === 'help') return { kind: 'help', topic: helpTopic(args[0]) };
  if (values.help) return { kind: 'help', topic: helpTopic(command) };
  if (!command) throw new UsageError('say what to do, for example: ferry get https://example.com/file.zip');
  return {
    kind: 'command',
    options: {
      command: checkedCommand(command),
      args,
      profileDir: values.profile ? resolve(values.profile) : resolveProfileDir(process.env, defaultProfileDir()),
      directory: values.output ? resolve(values.output) : undefined,
      connections: integerOption('--connections', values.connections, MAX_CONNECTIONS_PER_DOWNLOAD),
      parallel: integerOption('--parallel', values.parallel, MAX_PARALLEL),
      limit: rateOption(values.limit),
      unpack: values.unpack,
      json: values.json ?? false,
      verbose: values.verbose ?? false,
      label: values.label,
      account: values.account,
      baseUrl: values['base-url'],
      gateways: gatewayOption(command, values.gateway),
      input: inputOption(command, values.input),
    },
  };
}

function parseOptions(argv: string[]) {
  try {
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
        gateway: { type: 'string', multiple: true },
        input: { type: 'string', short: 'i' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** What each option that takes a value wants, for the message when it was given an empty one. */
const valueHints: Record<string, string> = {
  output: 'a folder, e.g. -o ~/Assets',
  profile: 'a profile folder, e.g. --profile ~/ferry-work, or leave it out for the default profile',
  account: 'an account label (ferry accounts ls lists them), or leave it out for the default account',
  connections: 'a whole number, e.g. --connections 4',
  parallel: 'a whole number, e.g. --parallel 3',
  limit: 'a rate, e.g. --limit 2M',
  label: 'a name for the account, e.g. --label studio',
  'base-url': 'the API address, e.g. --base-url https://api.example.com, or leave it out for the platform’s own',
  gateway: 'a gateway address, e.g. --gateway https://dweb.link',
  input: 'a file of links, or - for standard input',
};

/**
 * An empty value (`-o ""`, often an unset shell variable) would otherwise read as "not given" and quietly
 * fall back to a default folder, profile or account the person did not mean.
 */
function refuseEmptyValues(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    const given = Array.isArray(value) ? value : [value];
    if (given.some((item) => typeof item === 'string' && item.trim() === '')) {
      const option = name === 'output' ? '-o/--output' : name === 'input' ? '-i/--input' : `--${name}`;
      throw new UsageError(`${option} was given an empty value: give ${valueHints[name] ?? 'a value'}.`);
    }
  }
}

/** Checked before the profile is opened, so a typo leaves no trace in it. */
function checkedCommand(name: string): string {
  if (!isCommand(name)) throw new UsageError(`"${name}" is not a ferry command.`);
  return name;
}

function helpTopic(name: string | undefined): string | undefined {
  return name === undefined ? undefined : checkedCommand(name);
}

function integerOption(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new UsageError(`${name} takes a whole number from 1 to ${max}, not "${value}".`);
  }
  return number;
}

/** Gateways are not stored with a download: only the process that fetches (get, run) can use them. */
function gatewayOption(command: string, values: string[] | undefined): string[] | undefined {
  if (values && command !== 'get' && command !== 'run') {
    throw new UsageError(`--gateway goes with get or run, which fetch the CIDs; ${command} would ignore it.`);
  }
  const problem = values?.map(gatewayProblem).find((found) => found !== null);
  if (problem) throw new UsageError(`--gateway: ${problem}`);
  return values;
}

function inputOption(command: string, value: string | undefined): string | undefined {
  if (value !== undefined && command !== 'get' && command !== 'add') {
    throw new UsageError(`--input goes with get or add, which take links; ${command} would ignore it.`);
  }
  return value;
}

function rateOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rate = parseRate(value);
  if (rate === undefined)
    throw new UsageError(`--limit takes a rate such as 500K or 2M (bytes per second), not "${value}".`);
  return rate;
}
