import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../support/fault-server';
import { bytes, type Harness, quickRetries, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** Bodies whose end only the connection can tell: none of them can be resumed with ranges. */
const unframed: [string, Pick<Reply, 'chunked' | 'closeDelimited' | 'honourRanges'>][] = [
  ['chunked', { chunked: true, honourRanges: false }],
  ['close-delimited HTTP/1.1', { closeDelimited: 'HTTP/1.1' }],
  ['HTTP/1.0', { closeDelimited: 'HTTP/1.0' }],
];

const retry = { ...quickRetries, maxAttempts: 2 };

describe.each(unframed)('a %s body cut off by a connection reset', (_framing, framing) => {
  it('is never done: after the retries it fails, leaving no file and no part', async () => {
    const file = bytes(300_000);
    h.server.route('/cut.bin', { body: file, ...framing, resetAfter: 100_000 });
    const { transfer, progress } = h.start({ spec: { url: h.server.url('/cut.bin') }, retry });
    const outcome = await transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'network' } });
    expect(outcome).not.toHaveProperty('state');
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(
      /was reset \(ECONNRESET\)\. .* cannot continue a download where it broke off, so each attempt started over\. Ferry gave up after 3 attempts: check your network, then retry\.$/,
    );
    expect(h.server.requestsFor('/cut.bin')).toHaveLength(retry.maxAttempts + 1);
    expect(progress.some((update) => update.status === 'done')).toBe(false);
    expect(await h.files()).toEqual([]);
  });

  it('is retried from the start, and the retry gives the complete file', async () => {
    const file = bytes(300_000);
    h.server.route('/flaky.bin', (_request, index) => ({
      body: file,
      ...framing,
      resetAfter: index === 0 ? 150_000 : undefined,
    }));
    const outcome = await h.start({ spec: { url: h.server.url('/flaky.bin') }, retry }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done', size: file.length });
    expect(h.server.requestsFor('/flaky.bin')).toHaveLength(2);
    expect(await h.files()).toEqual(['flaky.bin']);
    expect((await h.read('flaky.bin')).equals(file)).toBe(true);
  });

  it('is not done either when the reset comes before the first byte of the body', async () => {
    h.server.route('/empty.bin', { body: bytes(50_000), ...framing, resetAfter: 0 });
    const outcome = await h.start({ spec: { url: h.server.url('/empty.bin') }, retry }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'network' } });
    expect(await h.files()).toEqual([]);
  });
});

describe('the end of a body without a length', () => {
  it('fails a chunked body closed cleanly before its last chunk', async () => {
    h.server.route('/unfinished', { body: bytes(200_000), chunked: true, honourRanges: false, dropAfter: 80_000 });
    const outcome = await h.start({ spec: { url: h.server.url('/unfinished') }, retry }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'network' } });
    expect(await h.files()).toEqual([]);
  });

  it.each(['HTTP/1.1', 'HTTP/1.0'] as const)(
    'takes a %s body closed cleanly (FIN) as complete, since nothing on the wire tells it apart',
    async (version) => {
      const file = bytes(200_000);
      h.server.route('/whole.bin', { body: file, closeDelimited: version });
      const outcome = await h.start({ spec: { url: h.server.url('/whole.bin') }, retry }).transfer.run();
      expect(outcome).toMatchObject({ status: 'done', size: file.length });
      expect((await h.read('whole.bin')).equals(file)).toBe(true);
    },
  );

  it('keeps the part and its state when a server with ranges fails, so a later run continues', async () => {
    h.server.route('/ranged.bin', (_request, index) => ({
      body: bytes(300_000),
      etag: '"r"',
      resetAfter: index === 0 ? 100_000 : 0,
    }));
    const outcome = await h.start({ spec: { url: h.server.url('/ranged.bin') }, retry, connections: 1 }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', state: { fileName: 'ranged.bin' } });
    expect(await h.files()).toEqual(['ranged.bin.part']);
  });
});
