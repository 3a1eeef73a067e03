import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer } from '../support/fault-server';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines, startFerry } from './ferry-cli';

let server: FaultServer;
let profile: TempDir;
let downloads: string;

beforeEach(async () => {
  server = await FaultServer.start();
  profile = await makeTempDir('ferry-cli-');
  downloads = join(profile.path, 'downloads');
});
afterEach(async () => {
  await server.close();
  await profile.remove();
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const partSize = (name: string) => () =>
  stat(join(downloads, `${name}.part`)).then(
    (info) => info.size,
    () => 0,
  );

describe('ferry get', () => {
  it('downloads, prints JSON lines with path, size and sha256, and exits 0', async () => {
    const body = Buffer.from('a small asset'.repeat(1000));
    server.route('/asset.txt', { body });
    const result = await ferry(['get', server.url('/asset.txt'), '-o', downloads, '--json'], profile.path);
    expect(result.code).toBe(0);
    const events = jsonLines(result.stdout);
    expect(events[0]).toMatchObject({ event: 'added', id: 1 });
    expect(events.at(-1)).toMatchObject({
      event: 'done',
      id: 1,
      path: join(downloads, 'asset.txt'),
      size: body.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await readFile(join(downloads, 'asset.txt'))).equals(body)).toBe(true);
  });

  it('takes links from a file with --input, one per line, beside those on the command line', async () => {
    for (const name of ['a.bin', 'b.bin', 'c.bin']) server.route(`/${name}`, { body: Buffer.from(`bytes of ${name}`) });
    const list = join(profile.path, 'links.txt');
    await writeFile(list, `# assets for the scene\n${server.url('/a.bin')}\n\n  ${server.url('/b.bin')}  \r\n`);
    const result = await ferry(['get', server.url('/c.bin'), '--input', list, '-o', downloads], profile.path);
    expect(result.code).toBe(0);
    expect((await readdir(downloads)).sort()).toEqual(['a.bin', 'b.bin', 'c.bin']);
    expect(await readFile(join(downloads, 'b.bin'), 'utf8')).toBe('bytes of b.bin');
  });

  it('says which --input file it could not read, and that run takes none', async () => {
    const missing = join(profile.path, 'nowhere.txt');
    const unread = await ferry(['get', '-i', missing, '-o', downloads], profile.path);
    expect(unread.code).toBe(2);
    expect(unread.stderr).toContain(`--input: Ferry could not read ${missing}`);
    const misplaced = await ferry(['run', '--input', missing], profile.path);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('--input goes with get or add');
  });

  it('exits 1 and reports the failure when a download fails', async () => {
    server.route('/gone', { status: 404 });
    const result = await ferry(['get', server.url('/gone'), '-o', downloads, '--json'], profile.path);
    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      event: 'failed',
      error: { code: 'http_4xx', message: expect.stringContaining('HTTP 404') },
    });
  });

  it('exits 1 when its download was canceled from another shell instead of finishing', async () => {
    server.route('/long.bin', { body: Buffer.alloc(3_000_000), bytesPerSecond: 300_000 });
    const getting = startFerry(['get', server.url('/long.bin'), '-o', downloads], profile.path);
    await waitFor(async () => (await partSize('long.bin')()) > 0);
    expect((await ferry(['cancel', 'all'], profile.path)).code).toBe(0);
    expect((await getting.result).code).toBe(1);
  }, 30_000);

  it('prints only the new ids for ferry add', async () => {
    const added = await ferry(['add', 'https://cdn.example.com/a.glb', 'https://cdn.example.com/b.glb'], profile.path);
    expect(added.stdout).toBe('1\n2\n');
  });

  it.each([
    [['get', 'not-a-link'], 'is not something Ferry can download'],
    [['get', 'ftp://example.com/x'], 'give an http:// or https:// link'],
    [['get'], 'needs at least one link'],
    [['get', 'https://x.test/a', '--connections', '99'], '--connections takes a whole number from 1 to 16'],
    [['get', 'https://x.test/a', '--limit', 'fast'], '--limit takes a rate such as 500K'],
    [['get', 'https://x.test/a', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['fly'], '"fly" is not a ferry command'],
    [[], 'say what to do'],
  ])('exits 2 with a message for bad input: %j', async (args, message) => {
    const result = await ferry(args, profile.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage:');
  });
});

describe('ferry add, run, ls, pause and resume', () => {
  it('enqueues without downloading, then runs the queue', async () => {
    server.route('/one.bin', { body: Buffer.alloc(5000, 1) });
    server.route('/two.bin', { body: Buffer.alloc(7000, 2) });
    const added = await ferry(['add', server.url('/one.bin'), server.url('/two.bin'), '-o', downloads], profile.path);
    expect(added.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    const listed = jsonLines((await ferry(['ls', '--json'], profile.path)).stdout);
    expect(listed.map((download) => download.status)).toEqual(['queued', 'queued']);

    expect((await ferry(['run'], profile.path)).code).toBe(0);
    const after = jsonLines((await ferry(['ls', '--json'], profile.path)).stdout);
    expect(after.map((download) => [download.status, download.size])).toEqual([
      ['done', 5000],
      ['done', 7000],
    ]);
  });

  it('pauses and resumes downloads by id or all', async () => {
    server.route('/p.bin', { body: Buffer.alloc(100) });
    await ferry(['add', server.url('/p.bin'), server.url('/p.bin'), '-o', downloads], profile.path);
    expect((await ferry(['pause', 'all'], profile.path)).stdout).toContain('pause: 2 downloads');
    expect((await ferry(['run'], profile.path)).code).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect((await ferry(['resume', '2'], profile.path)).stdout).toContain('resume: 1 download');
    await ferry(['run'], profile.path);
    const statuses = jsonLines((await ferry(['ls', '--json'], profile.path)).stdout).map((download) => download.status);
    expect(statuses).toEqual(['paused', 'done']);
    expect((await ferry(['pause', '42'], profile.path)).code).toBe(2);
  });

  it('lets one process run the engine on a profile, naming the holder to a second one', async () => {
    server.route('/slow.bin', { body: Buffer.alloc(2_000_000), bytesPerSecond: 400_000 });
    await ferry(['add', server.url('/slow.bin'), '-o', downloads], profile.path);
    const first = startFerry(['run'], profile.path);
    await waitFor(async () => (await partSize('slow.bin')()) > 0);
    const second = await ferry(['run'], profile.path);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`Another Ferry process (pid ${first.pid}) is running downloads`);
    first.kill('SIGKILL');
    await first.result;
  });
});

describe('crash safety', () => {
  it('finds its part again when killed before the first timed checkpoint', async () => {
    const file = Buffer.alloc(1_000_000, 3);
    server.route('/early.bin', { body: file, etag: '"early"', bytesPerSecond: 200_000 });
    await ferry(['add', server.url('/early.bin'), '-o', downloads, '--connections', '1'], profile.path);
    const doomed = startFerry(['run'], profile.path);
    await waitFor(async () => (await partSize('early.bin')()) > 0);
    doomed.kill('SIGKILL');
    await doomed.result;
    expect((await ferry(['run'], profile.path)).code).toBe(0);
    expect(await readdir(downloads)).toEqual(['early.bin']);
    expect((await readFile(join(downloads, 'early.bin'))).equals(file)).toBe(true);
  }, 30_000);

  it('applies a per-download limit given to add', async () => {
    server.route('/capped.bin', { body: Buffer.alloc(300_000) });
    await ferry(['add', server.url('/capped.bin'), '-o', downloads, '--limit', '150K'], profile.path);
    const started = performance.now();
    expect((await ferry(['run'], profile.path)).code).toBe(0);
    // 300 kB at 150 KiB/s: at least about 1.6 s (a lower bound only).
    expect(performance.now() - started).toBeGreaterThanOrEqual(1500);
  }, 30_000);

  it('resumes after SIGKILL mid-transfer: byte-identical, re-fetching at most one checkpoint interval', async () => {
    const file = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < file.length; i += 4) file.writeUInt32LE(i, i);
    const ratePerConnection = 250_000;
    server.route('/crash.bin', { body: file, etag: '"crash"', bytesPerSecond: ratePerConnection });
    await ferry(['add', server.url('/crash.bin'), '-o', downloads, '--connections', '4'], profile.path);

    const doomed = startFerry(['run'], profile.path);
    await waitFor(async () => (await partSize('crash.bin')()) > 1_500_000);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    doomed.kill('SIGKILL');
    await doomed.result;
    const sentBeforeKill = server.requests.reduce((sum, request) => sum + request.sent, 0);
    expect(sentBeforeKill).toBeLessThan(file.length);

    const survivor = await ferry(['run', '--json'], profile.path);
    expect(survivor.code).toBe(0);
    expect((await readFile(join(downloads, 'crash.bin'))).equals(file)).toBe(true);
    // No hash state survives the kill: the part's bytes are read back once, the rest hashed as it arrives.
    const sha256 = createHash('sha256').update(file).digest('hex');
    expect(jsonLines(survivor.stdout)).toContainEqual(expect.objectContaining({ event: 'done', sha256 }));
    const totalSent = server.requests.reduce((sum, request) => sum + request.sent, 0);
    // All four connections may have run up to one checkpoint interval (1 s) past the last checkpoint.
    const oneInterval = 4 * ratePerConnection;
    expect(totalSent - file.length).toBeLessThanOrEqual(oneInterval + 256 * 1024);
  }, 30_000);
});
