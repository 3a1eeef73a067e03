import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferOutcome } from '../../electron/engine/transfer-types';
import { bytes, type Harness, quickRetries, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** Nothing retries a failed transfer by itself, so its message must never promise it. */
const promisesRetry = /will (try again|resume|wait)/i;

function failure(outcome: TransferOutcome): { code: string; message: string } {
  if (outcome.status !== 'failed') throw new Error(`expected a failure, got ${outcome.status}`);
  return outcome.error;
}

describe('the message of a transfer that gave up', () => {
  it('says the host could not be reached and what to check, when nothing listens', async () => {
    const outcome = await h.start({ spec: { url: 'http://127.0.0.1:9/nothing' } }).transfer.run();
    const error = failure(outcome);
    expect(error.code).toBe('network');
    expect(error.message).toBe(
      `127.0.0.1:9 could not be reached (ECONNREFUSED). Ferry gave up after ${quickRetries.maxAttempts} attempts: check the link and your network, then retry.`,
    );
    expect(error.message).not.toMatch(promisesRetry);
  });

  it('says the server went quiet and what to do, when a body stalls every time', async () => {
    h.server.route('/stalls.bin', { body: bytes(100_000), etag: '"s"', stallAfter: 0 });
    const retry = { ...quickRetries, maxAttempts: 2 };
    const outcome = await h
      .start({ spec: { url: h.server.url('/stalls.bin') }, stallTimeoutMs: 100, retry, connections: 1 })
      .transfer.run();
    const error = failure(outcome);
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(
      /stopped sending data.*gave up after 2 attempts: check your network, then retry later\./,
    );
    expect(error.message).not.toMatch(promisesRetry);
    expect(h.server.requestsFor('/stalls.bin')).toHaveLength(2);
  });

  it('says the server is busy or down, when it answers 503 every time', async () => {
    h.server.route('/busy.bin', { status: 503 });
    const outcome = await h.start({ spec: { url: h.server.url('/busy.bin') } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'http_5xx', status: 503 } });
    const error = failure(outcome);
    expect(error.message).toMatch(/server error \(HTTP 503\)\. Ferry gave up after 5 attempts: .*retry later\./);
    expect(error.message).not.toMatch(promisesRetry);
    expect(h.server.requestsFor('/busy.bin')).toHaveLength(quickRetries.maxAttempts);
  });

  it('says how long the server asked to wait, when that is too long to wait for', async () => {
    h.server.route('/limited.bin', { status: 429, headers: { 'retry-after': '3600' } });
    const outcome = await h.start({ spec: { url: h.server.url('/limited.bin') } }).transfer.run();
    const error = failure(outcome);
    expect(error.code).toBe('http_4xx');
    expect(error.message).toMatch(/limiting requests \(HTTP 429\)\. It asked Ferry to wait 60 minutes/);
    expect(error.message).toMatch(/retry the download later\.$/);
    expect(error.message).not.toMatch(promisesRetry);
    expect(h.server.requestsFor('/limited.bin')).toHaveLength(1);
  });

  it('says the connection broke off, when the server closes it before any byte every time', async () => {
    h.server.route('/dropping.bin', { body: bytes(100_000), etag: '"d"', dropAfter: 0 });
    const outcome = await h.start({ spec: { url: h.server.url('/dropping.bin') }, connections: 1 }).transfer.run();
    const error = failure(outcome);
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/gave up after 5 attempts: check the link and your network, then retry\.$/);
    expect(error.message).not.toMatch(promisesRetry);
  });

  it('keeps the resume state when it gives up after some bytes, so a later retry continues', async () => {
    const file = bytes(300_000);
    h.server.route('/half.bin', (_request, index) => ({
      body: file,
      etag: '"h"',
      stallAfter: index === 0 ? 100_000 : 0,
    }));
    const retry = { ...quickRetries, maxAttempts: 2 };
    const outcome = await h
      .start({ spec: { url: h.server.url('/half.bin') }, stallTimeoutMs: 100, retry, connections: 1 })
      .transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'timeout' }, state: { fileName: 'half.bin' } });
    expect(failure(outcome).message).not.toMatch(promisesRetry);
  });
});
