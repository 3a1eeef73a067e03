import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResumeState } from '../../electron/engine/transfer-types';
import { bytes, type Harness, quickRetries, rangeStart, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** The byte regions a resume state says are already on disk: the gaps between its missing ranges. */
function presentRegions(ranges: ResumeState['ranges'], size: number): [number, number][] {
  const regions: [number, number][] = [];
  let cursor = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start > cursor) regions.push([cursor, range.start]);
    cursor = range.end ?? size;
  }
  if (cursor < size) regions.push([cursor, size]);
  return regions;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('pause and resume', () => {
  it('stops the socket on pause, keeps the part, and resumes with Range and If-Range', async () => {
    const file = bytes(600_000);
    h.server.route('/pausable.bin', { body: file, etag: '"p1"', bytesPerSecond: 500_000 });
    const first = h.start({ spec: { url: h.server.url('/pausable.bin') }, connections: 1 });
    const run = first.transfer.run();
    await waitFor(() => (first.progress.at(-1)?.received ?? 0) > 100_000);
    const pausedAt = performance.now();
    await first.transfer.pause();
    const paused = await run;
    if (paused.status !== 'paused' || !paused.state)
      throw new Error(`expected paused with a state, got ${paused.status}`);
    await waitFor(() => h.server.requests[0]?.closed === true);
    expect(performance.now() - pausedAt).toBeLessThan(250);
    expect(await h.files()).toEqual(['pausable.bin.part']);

    const resumeAt = paused.state.ranges[0]?.start ?? 0;
    expect(resumeAt).toBeGreaterThan(100_000);
    const second = h.start({ spec: { url: h.server.url('/pausable.bin') }, resume: paused.state });
    expect(await second.transfer.run()).toMatchObject({ status: 'done' });
    const resumed = h.server.requests[1];
    expect(rangeStart(resumed?.headers.range)).toBe(resumeAt);
    expect(resumed?.headers['if-range']).toBe('"p1"');
    expect((await h.read('pausable.bin')).equals(file)).toBe(true);
    expect(h.server.requests.reduce((sum, request) => sum + request.sent, 0)).toBeLessThan(file.length + 200_000);
  });

  it('starts over cleanly when the file changed on the server, never splicing two versions', async () => {
    const before = bytes(400_000);
    const after = bytes(500_000);
    let version = before;
    h.server.route('/changing.bin', () => ({
      body: version,
      etag: version === before ? '"old"' : '"new"',
      bytesPerSecond: 400_000,
    }));
    const first = h.start({ spec: { url: h.server.url('/changing.bin') }, connections: 1 });
    const run = first.transfer.run();
    await waitFor(() => (first.progress.at(-1)?.received ?? 0) > 50_000);
    await first.transfer.pause();
    const paused = await run;
    if (paused.status !== 'paused' || !paused.state) throw new Error('expected paused with a state');

    version = after;
    const second = h.start({ spec: { url: h.server.url('/changing.bin') }, resume: paused.state, connections: 1 });
    expect(await second.transfer.run()).toMatchObject({ status: 'done', size: after.length });
    expect((await h.read('changing.bin')).equals(after)).toBe(true);
  });

  it('starts over when a server answers a ranged request with the whole file', async () => {
    const file = bytes(300_000);
    const state: ResumeState = {
      fileName: 'ignored.bin',
      size: file.length,
      etag: '"x"',
      ranges: [{ start: 100_000, end: file.length }],
    };
    await writeFile(join(h.folder.path, 'ignored.bin.part'), Buffer.alloc(100_000, 7));
    h.server.route('/ignored.bin', { body: file, etag: '"x"', honourRanges: false });
    const outcome = await h.start({ spec: { url: h.server.url('/ignored.bin') }, resume: state }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done', size: file.length });
    expect((await h.read('ignored.bin')).equals(file)).toBe(true);
  });

  it('starts fresh when the part file of a resume state is gone', async () => {
    const file = bytes(50_000);
    h.server.route('/gone.bin', { body: file });
    const state: ResumeState = {
      fileName: 'gone.bin',
      size: file.length,
      ranges: [{ start: 20_000, end: file.length }],
    };
    const outcome = await h.start({ spec: { url: h.server.url('/gone.bin') }, resume: state }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done' });
    expect(rangeStart(h.server.requests[0]?.headers.range)).toBe(0);
    expect((await h.read('gone.bin')).equals(file)).toBe(true);
  });

  it('cancels: stops and deletes the part', async () => {
    h.server.route('/cancel.bin', { body: bytes(500_000), bytesPerSecond: 200_000 });
    const started = h.start({ spec: { url: h.server.url('/cancel.bin') } });
    const run = started.transfer.run();
    await waitFor(() => (started.progress.at(-1)?.received ?? 0) > 10_000);
    await started.transfer.cancel();
    expect(await run).toEqual({ status: 'canceled' });
    expect(await h.files()).toEqual([]);
  });

  it('checkpoints at least every interval, only claiming bytes already on disk', async () => {
    const file = bytes(3 * 1024 * 1024);
    h.server.route('/checkpointed.bin', { body: file, etag: '"c"', bytesPerSecond: 1_000_000 });
    const mismatches: string[] = [];
    let checks = 0;
    const started = h.start({
      spec: { url: h.server.url('/checkpointed.bin') },
      connections: 4,
      onCheckpoint: (state) => {
        checks += 1;
        const onDisk = readFileSync(join(h.folder.path, `${state.fileName}.part`));
        for (const [start, end] of presentRegions(state.ranges, file.length)) {
          if (!onDisk.subarray(start, end).equals(file.subarray(start, end))) mismatches.push(`${start}-${end}`);
        }
      },
    });
    expect((await started.transfer.run()).status).toBe('done');
    expect(checks).toBeGreaterThanOrEqual(3);
    expect(mismatches).toEqual([]);
  });

  it('resumes from zero when the part is shorter than the state claims', async () => {
    const file = bytes(200_000);
    h.server.route('/truncated.bin', { body: file, etag: '"t"' });
    await writeFile(join(h.folder.path, 'truncated.bin.part'), file.subarray(0, 1000));
    const state: ResumeState = {
      fileName: 'truncated.bin',
      size: file.length,
      etag: '"t"',
      ranges: [{ start: 150_000, end: file.length }],
    };
    const outcome = await h.start({ spec: { url: h.server.url('/truncated.bin') }, resume: state }).transfer.run();
    expect(outcome.status).toBe('done');
    expect(rangeStart(h.server.requests[0]?.headers.range)).toBe(0);
    expect((await h.read('truncated.bin')).equals(file)).toBe(true);
  });

  it('resumes from zero when the state has no validator to prove the file is the same', async () => {
    const file = bytes(200_000);
    h.server.route('/unvalidated.bin', { body: file });
    await writeFile(join(h.folder.path, 'unvalidated.bin.part'), Buffer.alloc(100_000, 1));
    const state: ResumeState = {
      fileName: 'unvalidated.bin',
      size: file.length,
      ranges: [{ start: 100_000, end: file.length }],
    };
    const outcome = await h.start({ spec: { url: h.server.url('/unvalidated.bin') }, resume: state }).transfer.run();
    expect(outcome.status).toBe('done');
    expect((await h.read('unvalidated.bin')).equals(file)).toBe(true);
  });

  it('restarts cleanly when a cache serves a range of a new version despite If-Range', async () => {
    const before = bytes(300_000);
    const after = bytes(300_000);
    let current = before;
    h.server.route('/cached.bin', () => ({
      body: current,
      etag: current === before ? '"v1"' : '"v2"',
      ignoreIfRange: true,
    }));
    const state: ResumeState = {
      fileName: 'cached.bin',
      size: before.length,
      etag: '"v1"',
      ranges: [{ start: 100_000, end: before.length }],
    };
    await writeFile(join(h.folder.path, 'cached.bin.part'), before.subarray(0, 100_000));
    current = after;
    const outcome = await h.start({ spec: { url: h.server.url('/cached.bin') }, resume: state }).transfer.run();
    expect(outcome.status).toBe('done');
    expect((await h.read('cached.bin')).equals(after)).toBe(true);
  });

  it('restarts from zero on a ranged server when the file changes in the middle of a segmented download', async () => {
    const before = bytes(4 * 1024 * 1024);
    const after = bytes(4 * 1024 * 1024);
    h.server.route('/moving.bin', (_request, index) => {
      const body = index < 2 ? before : after;
      return { body, etag: body === before ? '"m1"' : '"m2"', bytesPerSecond: index < 2 ? 2_000_000 : undefined };
    });
    const outcome = await h.start({ spec: { url: h.server.url('/moving.bin') }, connections: 4 }).transfer.run();
    expect(outcome.status).toBe('done');
    expect((await h.read('moving.bin')).equals(after)).toBe(true);
  });

  it('pauses before the part exists without failing, and resumes from scratch', async () => {
    h.server.route('/late.bin', { body: bytes(1000), headersDelayMs: 2_000 });
    const started = h.start({ spec: { url: h.server.url('/late.bin') } });
    const run = started.transfer.run();
    await waitFor(() => h.server.requests.length > 0);
    await started.transfer.pause();
    expect(await run).toEqual({ status: 'paused' });
  });

  it('deletes the part when a paused transfer is canceled', async () => {
    h.server.route('/paused-then-canceled.bin', { body: bytes(500_000), etag: '"pc"', bytesPerSecond: 300_000 });
    const started = h.start({ spec: { url: h.server.url('/paused-then-canceled.bin') } });
    const run = started.transfer.run();
    await waitFor(() => (started.progress.at(-1)?.received ?? 0) > 10_000);
    await started.transfer.pause();
    expect((await run).status).toBe('paused');
    await started.transfer.cancel();
    expect(await h.files()).toEqual([]);
  });

  it('keeps downloading when a progress or checkpoint listener throws', async () => {
    const file = bytes(300_000);
    h.server.route('/listener-bug.bin', { body: file, bytesPerSecond: 1_000_000 });
    const throwing = () => {
      throw new Error('listener bug');
    };
    const outcome = await h
      .start({ spec: { url: h.server.url('/listener-bug.bin') }, onProgress: throwing, onCheckpoint: throwing })
      .transfer.run();
    expect(outcome.status).toBe('done');
  });
});

describe('network faults', () => {
  it('resumes from the last byte written when the connection drops mid-body', async () => {
    const file = bytes(500_000);
    h.server.route('/dropped.bin', (_request, index) => ({
      body: file,
      etag: '"d"',
      dropAfter: index === 0 ? 200_000 : undefined,
    }));
    const outcome = await h.start({ spec: { url: h.server.url('/dropped.bin') }, connections: 1 }).transfer.run();
    expect(outcome.status).toBe('done');
    const [, retry] = h.server.requestsFor('/dropped.bin');
    expect(rangeStart(retry?.headers.range)).toBeGreaterThan(0);
    expect((await h.read('dropped.bin')).equals(file)).toBe(true);
  });

  it('retries a body shorter than its Content-Length', async () => {
    const file = bytes(300_000);
    h.server.route('/short.bin', (_request, index) => ({ body: file, etag: '"s"', shortBy: index === 0 ? 1000 : 0 }));
    const outcome = await h.start({ spec: { url: h.server.url('/short.bin') }, connections: 1 }).transfer.run();
    expect(outcome.status).toBe('done');
    expect((await h.read('short.bin')).equals(file)).toBe(true);
  });

  it('restarts from zero after a drop when the server cannot resume', async () => {
    const file = bytes(300_000);
    h.server.route('/noranges.bin', (_request, index) => ({
      body: file,
      honourRanges: false,
      dropAfter: index === 0 ? 100_000 : undefined,
    }));
    const outcome = await h.start({ spec: { url: h.server.url('/noranges.bin') } }).transfer.run();
    expect(outcome.status).toBe('done');
    expect((await h.read('noranges.bin')).equals(file)).toBe(true);
  });

  it('retries a stalled body from where it stopped instead of failing', async () => {
    const file = bytes(300_000);
    h.server.route('/stalled.bin', (_request, index) => ({
      body: file,
      etag: '"st"',
      stallAfter: index === 0 ? 100_000 : undefined,
    }));
    const outcome = await h
      .start({ spec: { url: h.server.url('/stalled.bin') }, stallTimeoutMs: 200, connections: 1 })
      .transfer.run();
    expect(outcome.status).toBe('done');
    expect(rangeStart(h.server.requestsFor('/stalled.bin')[1]?.headers.range)).toBeGreaterThanOrEqual(100_000 - 65_536);
    expect((await h.read('stalled.bin')).equals(file)).toBe(true);
  });

  it('honours Retry-After on 429 before asking again', async () => {
    const file = bytes(10_000);
    h.server.route('/limited.bin', (_request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { body: file },
    );
    const outcome = await h.start({ spec: { url: h.server.url('/limited.bin') } }).transfer.run();
    expect(outcome.status).toBe('done');
    const [first, second] = h.server.requestsFor('/limited.bin');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('retries 503 and succeeds', async () => {
    h.server.route('/busy.bin', (_request, index) => (index < 2 ? { status: 503 } : { body: bytes(1000) }));
    const outcome = await h.start({ spec: { url: h.server.url('/busy.bin') } }).transfer.run();
    expect(outcome.status).toBe('done');
    expect(h.server.requestsFor('/busy.bin')).toHaveLength(3);
  });

  it('gives up on a server that keeps failing, keeping a clear message', async () => {
    h.server.route('/down.bin', { status: 500 });
    const outcome = await h.start({ spec: { url: h.server.url('/down.bin') } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'http_5xx', status: 500 } });
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(/server error \(HTTP 500\)\. Ferry gave up/);
    expect(outcome.status === 'failed' && outcome.error.message).not.toMatch(/will (try again|resume)/i);
    expect(h.server.requestsFor('/down.bin')).toHaveLength(5);
  });

  it('fails at once on a permanent error such as 404 or 403', async () => {
    h.server.route('/missing.bin', { status: 404 });
    h.server.route('/forbidden.bin', { status: 403 });
    const missing = await h.start({ spec: { url: h.server.url('/missing.bin') } }).transfer.run();
    const forbidden = await h.start({ spec: { url: h.server.url('/forbidden.bin') } }).transfer.run();
    expect(missing).toMatchObject({ status: 'failed', error: { code: 'http_4xx', status: 404 } });
    expect(forbidden.status === 'failed' && forbidden.error.message).toMatch(/link may have expired/);
    expect(h.server.requests).toHaveLength(2);
  });

  it('waits as long as the spec allows for the first byte (conversions take minutes)', async () => {
    h.server.route('/convert', { body: bytes(1000), headersDelayMs: 400 });
    const outcome = await h
      .start({ spec: { url: h.server.url('/convert'), firstByteTimeoutMs: 5_000 } })
      .transfer.run();
    expect(outcome.status).toBe('done');
    expect(h.server.requestsFor('/convert')).toHaveLength(1);
  });

  it('times out and retries when the first byte takes longer than the spec allows', async () => {
    h.server.route('/too-slow', { body: bytes(1000), headersDelayMs: 3_000 });
    const retry = { ...quickRetries, maxAttempts: 2 };
    const started = performance.now();
    const outcome = await h
      .start({ spec: { url: h.server.url('/too-slow'), firstByteTimeoutMs: 200 }, retry })
      .transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(
      /did not start sending the file in time\. Ferry gave up after 2 attempts: check your network, then retry later\./,
    );
    expect(h.server.requestsFor('/too-slow').length).toBe(2);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('stops every connection at once and reports the real error when one segment hits a permanent one', async () => {
    const file = bytes(8 * 1024 * 1024);
    h.server.route('/expiring.bin', (request) =>
      rangeStart(request.headers.range) === file.length / 2
        ? { status: 403 }
        : { body: file, etag: '"e"', bytesPerSecond: 2_000_000 },
    );
    const started = performance.now();
    const outcome = await h.start({ spec: { url: h.server.url('/expiring.bin') }, connections: 4 }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'http_4xx', status: 403 } });
    expect(performance.now() - started).toBeLessThan(3_000);
    const sent = h.server.requests.reduce((sum, request) => sum + request.sent, 0);
    expect(sent).toBeLessThan(file.length / 2);
  });

  it('fails with a network error when nothing listens, after retrying', async () => {
    const outcome = await h.start({ spec: { url: 'http://127.0.0.1:1/nothing' } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'network' } });
  });
});

describe('speed limits', () => {
  it('keeps a transfer under its limit', async () => {
    h.server.route('/limited-speed.bin', { body: bytes(300_000) });
    const started = performance.now();
    await h.start({ spec: { url: h.server.url('/limited-speed.bin') }, speedLimit: 200_000 }).transfer.run();
    // 300 kB at 200 kB/s with a 50 kB burst: at least 1.25 s. Only a lower bound, so a slow machine cannot fail it.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1200);
  });

  it('applies a new limit while running', async () => {
    h.server.route('/retuned.bin', { body: bytes(400_000) });
    const started = h.start({ spec: { url: h.server.url('/retuned.bin') }, speedLimit: 50_000 });
    const run = started.transfer.run();
    await waitFor(() => (started.progress.at(-1)?.received ?? 0) > 0);
    started.transfer.setSpeedLimit(0);
    expect((await run).status).toBe('done');
  });

  it('shares the global limit across transfers', async () => {
    h.engine.setGlobalSpeedLimit(200_000);
    h.server.route('/one.bin', { body: bytes(150_000) });
    h.server.route('/two.bin', { body: bytes(150_000) });
    const begun = performance.now();
    await Promise.all([
      h.start({ spec: { url: h.server.url('/one.bin') } }).transfer.run(),
      h.start({ spec: { url: h.server.url('/two.bin') } }).transfer.run(),
    ]);
    expect(performance.now() - begun).toBeGreaterThanOrEqual(1200);
  });
});
