import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions } from '../../electron/logs/ferry-logger';
import { APP_LOG_FILE, CLI_LOG_FILE, logDirectory } from '../../electron/logs/log-folder';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const KEY = 'K3Y-SECRET-echo3d';
const USER_KEY = 'US3R-SECRET-echo3d';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.SECRET-bearer';

let profile: TempDir;
let terminal: string[];

beforeEach(async () => {
  profile = await makeTempDir('ferry-logs-');
  terminal = [];
});

afterEach(() => profile.remove());

function open(options: Partial<LoggerOptions> = {}) {
  return createLogger({
    directory: logDirectory(profile.path),
    fileName: APP_LOG_FILE,
    terminal: (line) => terminal.push(line),
    ...options,
  });
}

async function logText(name = APP_LOG_FILE): Promise<string> {
  return readFile(join(logDirectory(profile.path), name), 'utf8');
}

async function logLines(name = APP_LOG_FILE): Promise<Record<string, unknown>[]> {
  return (await logText(name))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('the log file', () => {
  it('writes one JSON line per entry with its level, time and message, and no host name', async () => {
    const logger = open();
    logger.info('Ferry started', { downloads: 3 });
    logger.warn('disk almost full');
    await logger.close();
    const lines = await logLines();
    expect(lines).toEqual([
      { level: 'info', time: expect.any(String), pid: process.pid, msg: 'Ferry started { downloads: 3 }' },
      { level: 'warn', time: expect.any(String), pid: process.pid, msg: 'disk almost full' },
    ]);
  });

  it('never lets a secret reach the file or the terminal, while the rest of each line does', async () => {
    const logger = open({ fileLevel: 'debug', terminalLevel: 'debug' });
    logger.warn(`fetching https://api.echo3d.com/query?key=${KEY}&userKey=${USER_KEY}&file=sid-42`);
    logger.info(`sent Authorization: Bearer ${TOKEN} to the CDN`);
    logger.error(
      'download 7 failed:',
      Object.assign(
        new Error(`POST https://api.echo3d.com/download?key=${KEY} answered 500`, {
          cause: new Error(`userKey=${USER_KEY} was refused`),
        }),
        { code: 'http_5xx' },
      ),
    );
    logger.debug('request', {
      url: `https://api.echo3d.com/query?key=${KEY}`,
      body: `key=${KEY}&email=artist@example.com`,
      headers: { authorization: `Bearer ${TOKEN}`, accept: '*/*' },
      userKey: USER_KEY,
    });
    logger.debug('retrying', [{ token: TOKEN }], new URL(`https://cdn.example.com/castle.glb?token=${TOKEN}`));
    logger.debug(
      'pairs',
      new URLSearchParams({ key: KEY, file: 'sid-42' }),
      new Headers({ authorization: `Bearer ${TOKEN}` }),
      new Map([['userKey', USER_KEY]]),
    );
    await logger.close();

    const everything = `${await logText()}\n${terminal.join('\n')}`;
    for (const secret of [KEY, USER_KEY, TOKEN]) expect(everything).not.toContain(secret);

    const messages = (await logLines()).map((line) => String(line.msg));
    expect(messages[0]).toBe('fetching https://api.echo3d.com/query?key=[redacted]&userKey=[redacted]&file=sid-42');
    expect(messages[1]).toBe('sent Authorization: Bearer [redacted] to the CDN');
    expect(messages[2]).toContain('download 7 failed: Error: POST https://api.echo3d.com/download?key=[redacted]');
    expect(messages[2]).toMatch(/\n\s+at /);
    expect(messages[2]).toContain("{ code: 'http_5xx' }");
    expect(messages[2]).toContain('Caused by: Error: userKey=[redacted] was refused');
    expect(messages[3]).toContain('email=artist@example.com');
    expect(messages[3]).toContain("accept: '*/*'");
    expect(messages[3]).toContain("userKey: '[redacted]'");
    expect(messages[4]).toContain("token: '[redacted]'");
    expect(messages[4]).toContain('https://cdn.example.com/castle.glb?token=[redacted]');
    expect(messages[5]).toBe(
      "pairs URLSearchParams { key: '[redacted]', file: 'sid-42' } Headers { authorization: '[redacted]' } Map { userKey: '[redacted]' }",
    );
  });

  it('writes nothing below its level, and sends only warnings and errors to the terminal', async () => {
    const logger = open({ fileLevel: 'info' });
    logger.debug('a debug detail');
    logger.info('an info line');
    logger.warn('a warning');
    logger.error('an error');
    await logger.close();
    expect((await logLines()).map((line) => [line.level, line.msg])).toEqual([
      ['info', 'an info line'],
      ['warn', 'a warning'],
      ['error', 'an error'],
    ]);
    expect(terminal).toEqual(['a warning', 'an error']);
  });

  it('writes debug lines, and sends every level to the terminal, when asked to (--verbose)', async () => {
    const logger = open({ fileLevel: 'debug', terminalLevel: 'debug' });
    logger.debug('a debug detail');
    logger.info('an info line');
    await logger.close();
    expect((await logLines()).map((line) => line.level)).toEqual(['debug', 'info']);
    expect(terminal).toEqual(['a debug detail', 'an info line']);
  });

  it('keeps at most the configured number of files, rotating by size', async () => {
    const logger = open({ rotation: { maxFileBytes: 500, maxFiles: 3 } });
    for (let index = 1; index <= 60; index += 1) logger.info(`line ${index} ${'x'.repeat(40)}`);
    await logger.close();
    const files = (await readdir(logDirectory(profile.path))).sort();
    expect(files).toEqual([APP_LOG_FILE, `${APP_LOG_FILE}.1`, `${APP_LOG_FILE}.2`]);
    const kept = await Promise.all(files.map((name) => readFile(join(logDirectory(profile.path), name), 'utf8')));
    for (const text of kept) expect(text.length).toBeLessThan(500 + 200);
    expect(kept.join('')).toContain('line 60 ');
    expect(kept.join('')).not.toContain('line 1 ');
  });

  it('keeps the app and the CLI in files of their own', async () => {
    const app = open();
    const cli = open({ fileName: CLI_LOG_FILE });
    app.info('from the app');
    cli.info('from the CLI');
    await Promise.all([app.close(), cli.close()]);
    expect((await logLines(APP_LOG_FILE)).map((line) => line.msg)).toEqual(['from the app']);
    expect((await logLines(CLI_LOG_FILE)).map((line) => line.msg)).toEqual(['from the CLI']);
  });
});

describe('a log folder that cannot be written', () => {
  it('warns once on the terminal and keeps logging warnings there', async () => {
    // A file where the folder should be: refused even to root, which ignores permission bits.
    await writeFile(logDirectory(profile.path), 'not a folder');
    const logger = open();
    logger.info('an info line');
    logger.warn('a warning');
    logger.error('an error', new Error(`GET https://h.test/?key=${KEY} failed`));
    await logger.close();
    expect(terminal[0]).toMatch(/^Ferry cannot write its log in .*logs \(a file stands where the folder should be\)/);
    expect(terminal.filter((line) => line.includes('cannot write its log'))).toHaveLength(1);
    expect(terminal.slice(1, 3)).toEqual(['a warning', expect.stringContaining('an error Error: GET')]);
    expect(terminal.join('\n')).not.toContain(KEY);
  });
});
