import { execFile } from 'node:child_process';
import { chmod, readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { cliBundle, ferry } from './ferry-cli';

const commands = ['get', 'add', 'run', 'ls', 'pause', 'resume', 'cancel', 'retry', 'accounts', 'help', 'version'];

let profile: TempDir;
beforeEach(async () => {
  profile = await makeTempDir('ferry-help-');
});
afterEach(() => profile.remove());

describe('ferry help', () => {
  it.each([[['--help']], [['-h']], [['help']]])('prints the usage to stdout and exits 0 for %j', async (args) => {
    const result = await ferry(args, profile.path);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage:\n/);
    for (const command of commands.filter((name) => name !== 'version')) {
      expect(result.stdout).toMatch(new RegExp(`^  ferry (\\S+\\|)?${command}\\b`, 'm'));
    }
    expect(result.stdout).toContain('--verbose');
    expect(result.stdout).toContain('--version');
  });

  it.each(commands)(
    'prints what "%s" does and how to call it, for help <command> and <command> --help',
    async (command) => {
      const result = await ferry(['help', command], profile.path);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const [summary, , usageTitle, synopsis] = result.stdout.split('\n');
      expect(summary).toMatch(new RegExp(`^ferry ${command}: \\w.+\\.$`));
      expect(usageTitle).toBe('Usage:');
      expect(synopsis).toMatch(new RegExp(`^  ferry (${command}|--${command})\\b`));
      expect(result.stdout).toContain('Global options:');
      if (command !== 'help' && command !== 'version') {
        expect((await ferry([command, '--help'], profile.path)).stdout).toBe(result.stdout);
      }
    },
  );

  it('describes the options of a command, and each platform’s account fields', async () => {
    const get = (await ferry(['help', 'get'], profile.path)).stdout;
    expect(get).toMatch(/--connections N\s+connections per file/);
    expect(get).toMatch(/--unpack\s+unpack ZIP and TAR archives/);
    const accounts = (await ferry(['help', 'accounts'], profile.path)).stdout;
    expect(accounts).toContain('ferry accounts browse <label> [--json]');
    expect(accounts).toContain('echo3d: key (secret), email, userKey (secret), secKey (secret, optional)');
  });

  it('exits 2 with the usage on stderr for help on a command that does not exist', async () => {
    const result = await ferry(['help', 'fly'], profile.path);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('"fly" is not a ferry command.');
    expect(result.stderr).toContain('Usage:');
  });

  it('leaves the profile untouched', async () => {
    await ferry(['--help'], profile.path);
    await ferry(['help', 'get'], profile.path);
    await ferry(['--version'], profile.path);
    expect(await readdir(profile.path)).toEqual([]);
  });
});

describe('ferry --version', () => {
  it.each([[['--version']], [['-V']], [['version']]])('prints the package version and exits 0 for %j', async (args) => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(await ferry(args, profile.path)).toEqual({ code: 0, stdout: `ferry ${version}\n`, stderr: '' });
  });
});

describe('ferry as a package bin', () => {
  it("is package.json's bin, and runs by itself as npx and npm link start it", async () => {
    const manifest = JSON.parse(await readFile(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(resolve(import.meta.dirname, '../..', manifest.bin.ferry)).toBe(cliBundle);
    // npm sets the executable bit when it links a bin; the shebang makes the file run under node.
    await chmod(cliBundle, 0o755);
    const { stdout } = await promisify(execFile)(cliBundle, ['--version'], {
      env: { ...process.env, PATH: `${resolve(process.execPath, '..')}:${process.env.PATH}` },
    });
    expect(stdout).toBe(`ferry ${manifest.version}\n`);
  });
});
