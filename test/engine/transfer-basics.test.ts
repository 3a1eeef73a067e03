import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytes, type Harness, rangeStart, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('a plain download', () => {
  it('writes the exact bytes under the URL name and leaves no part file', async () => {
    const file = bytes(300_000);
    h.server.route('/assets/model.glb', { body: file, etag: '"v1"' });
    const { transfer, progress } = h.start({ spec: { url: h.server.url('/assets/model.glb') }, connections: 1 });
    const outcome = await transfer.run();
    expect(outcome).toMatchObject({ status: 'done', size: file.length });
    expect(await h.files()).toEqual(['model.glb']);
    expect((await h.read('model.glb')).equals(file)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ status: 'done', received: file.length, size: file.length });
  });

  it('reports progress that only grows and ends at the size', async () => {
    const file = bytes(400_000);
    h.server.route('/slow.bin', { body: file, bytesPerSecond: 1_000_000 });
    const { transfer, progress } = h.start({ spec: { url: h.server.url('/slow.bin') } });
    await transfer.run();
    const received = progress.map((update) => update.received);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(progress.some((update) => update.status === 'downloading' && update.received > 0 && update.speed > 0)).toBe(
      true,
    );
    expect(progress.some((update) => update.eta !== null)).toBe(true);
    expect(progress.at(-1)?.received).toBe(file.length);
  });

  it('handles a body of unknown size', async () => {
    const file = bytes(200_000);
    h.server.route('/stream', {
      body: file,
      chunked: true,
      honourRanges: false,
      headers: { 'content-type': 'image/png' },
    });
    const outcome = await h.start({ spec: { url: h.server.url('/stream') } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done', size: file.length });
    expect(await h.files()).toEqual(['stream.png']);
  });

  it('returns the sha256 when the spec expects one and it matches', async () => {
    const file = bytes(100_000);
    const sha256 = createHash('sha256').update(file).digest('hex');
    h.server.route('/hashed', { body: file });
    const outcome = await h.start({ spec: { url: h.server.url('/hashed'), sha256 } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done', sha256 });
  });

  it('discards a file whose checksum does not match, keeping no final name', async () => {
    h.server.route('/corrupt', { body: bytes(50_000) });
    const outcome = await h.start({ spec: { url: h.server.url('/corrupt'), sha256: 'ab'.repeat(32) } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'verification' } });
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(/does not match its expected checksum/);
    expect(await h.files()).toEqual([]);
  });

  it('refuses a file whose size differs from what the provider announced', async () => {
    h.server.route('/sized', { body: bytes(1000) });
    const outcome = await h.start({ spec: { url: h.server.url('/sized'), expectedSize: 999 } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'verification' } });
  });

  it('gives two downloads of the same name distinct files', async () => {
    const [a, b] = [bytes(10_000), bytes(10_000)];
    h.server.route('/a/photo.png', { body: a });
    h.server.route('/b/photo.png', { body: b });
    const results = await Promise.all([
      h.start({ spec: { url: h.server.url('/a/photo.png') } }).transfer.run(),
      h.start({ spec: { url: h.server.url('/b/photo.png') } }).transfer.run(),
    ]);
    expect(results.map((result) => result.status)).toEqual(['done', 'done']);
    expect(await h.files()).toEqual(['photo (1).png', 'photo.png']);
  });

  it('makes the destination folder, however deep, when it is missing', async () => {
    h.server.route('/deep.bin', { body: bytes(500) });
    const directory = join(h.folder.path, 'new', 'nested');
    const outcome = await h.start({ directory, spec: { url: h.server.url('/deep.bin') } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done', path: join(directory, 'deep.bin') });
  });

  it('never overwrites an existing file of the same name', async () => {
    await writeFile(`${h.folder.path}/report.pdf`, 'mine');
    h.server.route('/report.pdf', { body: bytes(1000) });
    const outcome = await h.start({ spec: { url: h.server.url('/report.pdf') } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done', path: `${h.folder.path}/report (1).pdf` });
    expect((await h.read('report.pdf')).toString()).toBe('mine');
  });
});

describe('segmented downloads', () => {
  it('splits a large ranged file over several connections and assembles it exactly', async () => {
    const file = bytes(8 * 1024 * 1024);
    h.server.route('/big.bin', { body: file, etag: '"big"' });
    const outcome = await h.start({ spec: { url: h.server.url('/big.bin') }, connections: 4 }).transfer.run();
    expect(outcome.status).toBe('done');
    expect((await h.read('big.bin')).equals(file)).toBe(true);
    const starts = h.server.requestsFor('/big.bin').map((request) => rangeStart(request.headers.range));
    expect(new Set(starts).size).toBeGreaterThanOrEqual(4);
    expect(
      h.server
        .requestsFor('/big.bin')
        .slice(1)
        .every((request) => request.headers['if-range'] === '"big"'),
    ).toBe(true);
  });

  it('lets idle connections steal work from a slow one', async () => {
    const file = bytes(8 * 1024 * 1024);
    h.server.route('/uneven.bin', (request) =>
      rangeStart(request.headers.range) === 0
        ? { body: file, etag: '"u"', bytesPerSecond: 400_000 }
        : { body: file, etag: '"u"' },
    );
    const outcome = await h.start({ spec: { url: h.server.url('/uneven.bin') }, connections: 4 }).transfer.run();
    expect(outcome.status).toBe('done');
    expect((await h.read('uneven.bin')).equals(file)).toBe(true);
    const firstSegmentEnd = file.length / 4;
    const stolen = h.server
      .requestsFor('/uneven.bin')
      .map((request) => rangeStart(request.headers.range) ?? -1)
      .filter((start) => start > 0 && start < firstSegmentEnd);
    expect(stolen.length).toBeGreaterThan(0);
  });

  it('uses one stream when the server does not support ranges', async () => {
    const file = bytes(4 * 1024 * 1024);
    h.server.route('/plain.bin', { body: file, honourRanges: false });
    const outcome = await h.start({ spec: { url: h.server.url('/plain.bin') }, connections: 8 }).transfer.run();
    expect(outcome.status).toBe('done');
    expect(h.server.requestsFor('/plain.bin')).toHaveLength(1);
    expect((await h.read('plain.bin')).equals(file)).toBe(true);
  });
});
