import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer } from '../support/fault-server';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry } from './ferry-cli';

const KEY = 'cli-key-SECRET-333';
const USER_KEY = 'cli-user-key-SECRET-444';

let server: FaultServer;
let profile: TempDir;

beforeEach(async () => {
  server = await FaultServer.start();
  profile = await makeTempDir('ferry-cli-logs-');
});
afterEach(async () => {
  await server.close();
  await profile.remove();
});

const logFile = () => join(profile.path, 'logs', 'cli.log');

async function logEntries(): Promise<{ level: string; msg: string }[]> {
  return (await readFile(logFile(), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('the CLI log', () => {
  it('records each run in <profile>/logs/cli.log, to its last line, without debug lines or stderr noise', async () => {
    const result = await ferry(['ls'], profile.path);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readdir(join(profile.path, 'logs'))).toEqual(['cli.log']);
    const entries = await logEntries();
    expect(entries.map((entry) => entry.level)).toEqual(['info', 'info']);
    expect(entries[0]?.msg).toMatch(/^ferry ls \(Ferry \d+\.\d+\.\d+/);
    expect(entries.at(-1)?.msg).toBe('ferry ls exits with 0');
  });

  it('with --verbose, writes debug lines and shows info and debug on stderr, leaving stdout to --json', async () => {
    const result = await ferry(['ls', '--json', '--verbose'], profile.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('ferry ls (Ferry');
    expect(result.stderr).toContain(`profile ${profile.path}; settings {`);
    expect(result.stderr).toContain('ferry ls exits with 0');
    expect((await logEntries()).map((entry) => entry.level)).toEqual(['info', 'debug', 'info']);
  });

  it('never quotes a mistyped account field, which may be a pasted secret', async () => {
    const pasted = 'sk_live_PASTED-SECRET-555';
    const result = await ferry(['accounts', 'add', 'scenario', '--label', 'S', 'apiKey=pub', pasted], profile.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('field 2 after the platform has no name');
    expect((await readFile(logFile(), 'utf8')) + result.stderr + result.stdout).not.toContain(pasted);
  });

  it('keeps credentials out of the log and stderr, even with --verbose', async () => {
    server.route('/missing.bin', { status: 404 });
    const link = `${server.url('/missing.bin')}?key=${KEY}&userKey=${USER_KEY}&file=7`;
    const result = await ferry(['get', link, '-o', join(profile.path, 'dl'), '--verbose'], profile.path);
    expect(result.code).toBe(1);
    const log = await readFile(logFile(), 'utf8');
    expect(log).toContain('/missing.bin?key=[redacted]&userKey=[redacted]&file=7');
    expect(log + result.stderr + result.stdout).not.toContain(KEY);
    expect(log + result.stderr + result.stdout).not.toContain(USER_KEY);
  });

  it('never logs the arguments of ferry accounts, whose fields hold secrets', async () => {
    const added = await ferry(
      [
        'accounts',
        'add',
        'echo3d',
        '--label',
        'Logged',
        `key=${KEY}`,
        'email=artist@example.com',
        `userKey=${USER_KEY}`,
        '--verbose',
      ],
      profile.path,
    );
    await ferry(['accounts', 'rm', 'Logged'], profile.path);
    expect(added.code).toBe(0);
    const log = await readFile(logFile(), 'utf8');
    expect(log).toContain('ferry accounts exits with 0');
    expect(log + added.stderr).not.toContain(KEY);
    expect(log + added.stderr).not.toContain(USER_KEY);
  });

  it('keeps working, with one warning on stderr, when the log folder cannot be written', async () => {
    await writeFile(join(profile.path, 'logs'), 'a file where the log folder should be');
    const result = await ferry(['ls', '--json'], profile.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Ferry cannot write its log in .*logs \(a file stands where the folder should be\)\./),
    ]);
  });
});
