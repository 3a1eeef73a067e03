import { accountFieldsOf, baseUrlProblem, platforms, providerIds } from '../../shared/platforms';
import { defaultProviders } from '../providers/registry';

/** Bad input: exit code 2 with a message that says what to type instead. */
export class UsageError extends Error {}

/** Every ref form the platforms take, read from their descriptors. */
const refNote = [
  'A ref is one of:',
  ...defaultProviders()
    .refForms()
    .map((form) => `  ${form}`),
].join('\n');

export const usage = `Usage:
  ferry get <ref>... [-i FILE] [-o DIR] [--account LABEL] [--connections N] [--parallel N] [--limit RATE] [--unpack] [--gateway URL]... [--json]
  ferry add <ref>... [-i FILE] [-o DIR] [--account LABEL] [--connections N] [--limit RATE] [--unpack] [--json]
  ferry run [--parallel N] [--connections N] [--limit RATE] [--gateway URL]... [--json]
  ferry ls [--json]
  ferry pause|resume|cancel|retry <id|all>...
  ferry accounts add <provider> --label L [--base-url URL] [field=value ...]
  ferry accounts ls [--json] | rm <label> | test <label> | browse <label> [--json]
  ferry help [command] | ferry --version
Global: --profile DIR (or FERRY_HOME) chooses where the library, settings and logs live.
        --verbose also writes debug lines to the log, and prints info and debug lines on stderr.
${refNote}
RATE is bytes per second, e.g. 500K or 2M.
--unpack unpacks ZIP and TAR archives beside themselves once downloaded (--no-unpack: do not; default: the settings).
--gateway fetches CIDs from this IPFS gateway, verified block by block, even with a CID store account (repeatable).
-i, --input FILE takes refs from FILE too, one per line (- reads standard input).
"ferry help <command>" says more about one command.`;

const options = {
  output: ['-o, --output DIR', 'save into DIR instead of the folder the settings choose'],
  account: ['--account LABEL', "sign the downloads with this account instead of the platform's default one"],
  connections: ['--connections N', 'connections per file, 1 to 16 (default: the settings)'],
  parallel: ['--parallel N', 'files downloading at once, 1 to 64 (default: the settings)'],
  limit: ['--limit RATE', 'speed limit in bytes per second, e.g. 500K or 2M (default: the settings)'],
  input: [
    '-i, --input FILE',
    'take refs from FILE too, one per line; blank lines and # comments are skipped; - reads standard input',
  ],
  unpack: ['--unpack', 'unpack ZIP and TAR archives beside themselves once downloaded (--no-unpack: do not)'],
  gateway: [
    '--gateway URL',
    'fetch CIDs from this IPFS gateway, verified, even with a CID store account; repeat to try several in order (default: FERRY_IPFS_GATEWAY, else the settings)',
  ],
  json: ['--json', 'print one JSON object per line'],
  label: ['--label L', 'the name the other accounts commands and --account use'],
  baseUrl: ['--base-url URL', "the platform's API address, for a self-hosted or test server"],
} as const;

const globalOptions = [
  ['--profile DIR', 'where the library, settings and logs live (or FERRY_HOME)'],
  ['--verbose', 'also write debug lines to the log, and print info and debug lines on stderr'],
  ['-h, --help', 'print this help'],
] as const;

type OptionName = keyof typeof options;

interface CommandHelp {
  /** What the command does, in one line. */
  summary: string;
  synopsis: string[];
  options: OptionName[];
  notes: string[];
}

function control(verb: string, summary: string): CommandHelp {
  return {
    summary,
    synopsis: [`ferry ${verb} <id|all>...`],
    options: ['json'],
    notes: ['Ids are the ones "ferry ls" prints. A running app or "ferry run" follows within a second.'],
  };
}

const commands: Record<string, CommandHelp> = {
  get: {
    summary: 'downloads the refs and waits until they finish.',
    synopsis: [
      'ferry get <ref>... [-i FILE] [-o DIR] [--account LABEL] [--connections N] [--parallel N] [--limit RATE] [--unpack] [--gateway URL]... [--json]',
    ],
    options: ['input', 'output', 'account', 'connections', 'parallel', 'limit', 'unpack', 'gateway', 'json'],
    notes: [refNote, 'Exits 0 when every download is done, 1 when any failed or did not finish, 2 for bad input.'],
  },
  add: {
    summary: 'adds the refs to the queue without downloading them, and prints their ids.',
    synopsis: [
      'ferry add <ref>... [-i FILE] [-o DIR] [--account LABEL] [--connections N] [--limit RATE] [--unpack] [--json]',
    ],
    options: ['input', 'output', 'account', 'connections', 'limit', 'unpack', 'json'],
    notes: [refNote, '"ferry run" or the app downloads them.'],
  },
  run: {
    summary: 'works through the queue until it is empty, resuming whatever was interrupted.',
    synopsis: ['ferry run [--parallel N] [--connections N] [--limit RATE] [--gateway URL]... [--json]'],
    options: ['parallel', 'connections', 'limit', 'gateway', 'json'],
    notes: ['Only one process runs downloads on a profile at a time; a second one is told which pid holds it.'],
  },
  ls: {
    summary: 'lists the downloads in the library with their status and progress.',
    synopsis: ['ferry ls [--json]'],
    options: ['json'],
    notes: [],
  },
  pause: control('pause', 'pauses downloads; "ferry resume" continues them where they stopped.'),
  resume: control('resume', 'puts paused downloads back in the queue.'),
  cancel: control('cancel', 'cancels downloads; their partial files are removed.'),
  retry: control('retry', 'puts failed or canceled downloads back in the queue.'),
  accounts: {
    summary: 'manages the accounts Ferry signs downloads with; their secrets live only in the system keychain.',
    synopsis: [
      'ferry accounts add <provider> --label L [--base-url URL] [field=value ...]',
      'ferry accounts ls [--json]',
      'ferry accounts rm <label>',
      'ferry accounts test <label>',
      'ferry accounts browse <label> [--json]',
    ],
    options: ['label', 'baseUrl', 'json'],
    notes: [
      'add saves an account; ls lists them, secrets shown as "set"; rm removes one with its secrets;',
      'test checks one against its platform; browse lists its library with the refs that download each entry.',
      'Fields, given to add as name=value:',
      ...providerIds.map((provider) => `  ${provider}: ${describeFields(provider)}`),
    ],
  },
  help: {
    summary: 'prints the usage of ferry, or of one command.',
    synopsis: ['ferry help [command]'],
    options: [],
    notes: [],
  },
  version: {
    summary: 'prints the version of ferry.',
    synopsis: ['ferry --version'],
    options: [],
    notes: [],
  },
};

export function isCommand(name: string): boolean {
  return Object.hasOwn(commands, name);
}

/** `ferry help <command>`: what it does, how to call it, its options. */
export function commandUsage(name: string): string {
  const help = commands[name];
  if (!help) throw new UsageError(`"${name}" is not a ferry command.`);
  const sections = [
    `ferry ${name}: ${help.summary}`,
    ['Usage:', ...help.synopsis.map((line) => `  ${line}`)].join('\n'),
  ];
  if (help.options.length > 0)
    sections.push(
      optionTable(
        'Options:',
        help.options.map((option) => options[option]),
      ),
    );
  if (help.notes.length > 0) sections.push(help.notes.join('\n'));
  sections.push(optionTable('Global options:', globalOptions));
  return sections.join('\n\n');
}

function optionTable(title: string, rows: readonly (readonly [string, string])[]): string {
  return [title, ...rows.map(([flag, meaning]) => `  ${flag.padEnd(18)} ${meaning}`)].join('\n');
}

function describeFields(provider: (typeof providerIds)[number]): string {
  const fields = accountFieldsOf(provider)
    .map((field) => {
      const traits = [field.secret && 'secret', field.optional && 'optional'].filter(Boolean);
      return traits.length > 0 ? `${field.name} (${traits.join(', ')})` : field.name;
    })
    .join(', ');
  const signIns = platforms[provider].signIns?.map((signIn) => signIn.name).join(', or ');
  const needs = [signIns && `give ${signIns}`, baseUrlProblem(provider, null) && '--base-url required'];
  const notes = needs.filter(Boolean).join('; ');
  return notes ? `${fields}; ${notes}` : fields;
}
