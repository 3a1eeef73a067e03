import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountThrottle } from '../../electron/providers/account-throttle';
import { type ApiCall, callApi } from '../../electron/providers/provider-http';
import { FerryError } from '../../shared/errors';
import { FaultServer } from '../support/fault-server';

/** Quick retries, so the tests measure the rules and not the waiting. */
const quick: ApiCall['retry'] = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 };

let server: FaultServer;
beforeEach(async () => {
  server = await FaultServer.start();
});
afterEach(async () => {
  await server.close();
});

function failure(call: Promise<unknown>): Promise<FerryError> {
  return call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(FerryError);
      return error as FerryError;
    },
  );
}

/** Answers 200 and streams bytes until the client goes away. */
async function startEndlessServer(): Promise<{ url: string; server: Server; sent: () => number }> {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const endless = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const pump = () => {
      while (!response.destroyed && response.write(chunk)) sent += chunk.length;
      if (!response.destroyed) response.once('drain', pump);
    };
    pump();
  });
  endless.listen(0, '127.0.0.1');
  await once(endless, 'listening');
  const { port } = endless.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/assets`, server: endless, sent: () => sent };
}

describe('API answers are capped', () => {
  it('stops reading an endless answer at the cap, fast, with a message saying what to do', async () => {
    const endless = await startEndlessServer();
    try {
      const started = performance.now();
      const error = await failure(callApi(endless.url, { platform: 'Scenario', retry: quick }));
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(error.message).toContain('Scenario sent an answer larger than 8 MiB');
      expect(error.message).toContain('check it in Accounts');
      // The connection is closed, not drained: the server stops well short of what a drained answer would take.
      const sentThen = endless.sent();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(endless.sent() - sentThen).toBeLessThan(4 * 1024 * 1024);
    } finally {
      endless.server.closeAllConnections();
      endless.server.close();
    }
  });

  it('takes the cap as a parameter, and refuses a declared length past it before reading', async () => {
    server.route('/big', { body: Buffer.alloc(3 * 1024 * 1024, 'x') });
    const error = await failure(callApi(server.url('/big'), { maxBytes: 1024 * 1024, retry: quick }));
    expect(error.message).toContain(`${new URL(server.url('')).host} sent an answer larger than 1 MiB`);
    expect(server.requestsFor('/big')).toHaveLength(1);
    server.route('/small', { body: Buffer.from('{"ok":true}') });
    expect(await callApi(server.url('/small'), { maxBytes: 11 })).toMatchObject({ status: 200, text: '{"ok":true}' });
  });
});

describe('API calls are tried again', () => {
  it('tries a GET again after 5xx and returns the answer that works', async () => {
    server.route('/assets', (_request, index) =>
      index < 2 ? { status: index === 0 ? 503 : 502 } : { body: Buffer.from('fine') },
    );
    const answer = await callApi(server.url('/assets'), { retry: quick });
    expect(answer).toMatchObject({ status: 200, text: 'fine' });
    expect(server.requestsFor('/assets')).toHaveLength(3);
  });

  it('gives up after a few tries, quoting the server and saying what to do', async () => {
    server.route('/assets', { status: 500, body: Buffer.from('database\n  is down') });
    const error = await failure(callApi(server.url('/assets'), { platform: 'Delos', provider: 'delos', retry: quick }));
    expect(server.requestsFor('/assets')).toHaveLength(4);
    expect(error.message).toBe(
      'Delos answered HTTP 500 on 4 tries: "database is down". It seems to be having trouble: try again in a few minutes.',
    );
    expect(error).toMatchObject({ code: 'provider', provider: 'delos' });
  });

  it('leaves other statuses to the caller', async () => {
    server.route('/assets', { status: 404, body: Buffer.from('Data not found') });
    expect(await callApi(server.url('/assets'), { retry: quick })).toMatchObject({
      status: 404,
      text: 'Data not found',
    });
    expect(server.requestsFor('/assets')).toHaveLength(1);
  });

  it('honours Retry-After, and fails at once when it asks for longer than a person should wait', async () => {
    server.route('/soon', (_request, index) =>
      index === 0 ? { status: 503, headers: { 'retry-after': '1' } } : { body: Buffer.from('back') },
    );
    const started = performance.now();
    expect(await callApi(server.url('/soon'), { retry: quick })).toMatchObject({ status: 200 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);

    server.route('/later', { status: 503, headers: { 'retry-after': '3600' } });
    const error = await failure(callApi(server.url('/later'), { platform: 'Scenario', retry: quick }));
    expect(server.requestsFor('/later')).toHaveLength(1);
    expect(error.message).toMatch(
      /^Scenario is unavailable \(HTTP 503\) and asks Ferry to come back at .+ \(in 60 minutes\)\. Try again/,
    );

    server.route('/years', { status: 503, headers: { 'retry-after': '99999999' } });
    const years = await failure(callApi(server.url('/years'), { platform: 'Scenario', retry: quick }));
    expect(years.message).toContain('asks Ferry to come back in 1,157 days. Try again after that.');
  });

  it('sends a POST again only when the server did not act on it, or the caller says it may', async () => {
    server.route('/jobs', { status: 500, body: Buffer.from('oops') });
    const error = await failure(
      callApi(server.url('/jobs'), { method: 'POST', body: '{}', platform: 'Scenario', retry: quick }),
    );
    expect(server.requestsFor('/jobs')).toHaveLength(1);
    expect(error.message).toContain('Ferry did not send the request again, because Scenario may have acted on it');

    for (const status of [429, 503]) {
      server.route(`/busy-${status}`, (_request, index) =>
        index === 0 ? { status } : { body: Buffer.from('{"jobId":"j"}') },
      );
      const answer = await callApi(server.url(`/busy-${status}`), { method: 'POST', body: '{}', retry: quick });
      expect(answer.text).toBe('{"jobId":"j"}');
      expect(server.requestsFor(`/busy-${status}`).map((request) => request.body)).toEqual(['{}', '{}']);
    }

    server.route('/search', (_request, index) => (index === 0 ? { status: 500 } : { body: Buffer.from('[]') }));
    const answer = await callApi(server.url('/search'), { method: 'POST', body: '{}', idempotent: true, retry: quick });
    expect(answer.text).toBe('[]');
  });

  it('tries again after a dropped connection, except a POST that may have been acted on', async () => {
    server.route('/list', (_request, index) => (index === 0 ? { dropAfter: 0 } : { body: Buffer.from('ok') }));
    expect(await callApi(server.url('/list'), { retry: quick })).toMatchObject({ text: 'ok' });
    expect(server.requestsFor('/list')).toHaveLength(2);

    server.route('/jobs', { dropAfter: 0 });
    const error = await failure(callApi(server.url('/jobs'), { method: 'POST', body: 'a=1', retry: quick }));
    expect(server.requestsFor('/jobs')).toHaveLength(1);
    expect(error.code).toBe('network');
    expect(error.message).toContain('broke after Ferry sent its request');
  });

  it('says the host could not be reached after its tries, whatever the method', async () => {
    const gone = await FaultServer.start();
    const closed = gone.url('/gone');
    await gone.close();
    for (const method of ['GET', 'POST'] as const) {
      const error = await failure(
        callApi(closed, { method, body: method === 'POST' ? '{}' : undefined, retry: quick }),
      );
      expect(error.message).toMatch(/^Ferry could not reach 127\.0\.0\.1:\d+ \(.+\) on 4 tries\. Check the network/);
    }
  });
});

describe('429 slows the whole account', () => {
  it('holds every call of the account until Retry-After, and only that account', async () => {
    const throttle = new AccountThrottle();
    server.route('/assets', (_request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { body: Buffer.from('[]') },
    );
    server.route('/other', { body: Buffer.from('{}') });
    const call = (path: string, accountKey: string) =>
      callApi(server.url(path), { accountKey, throttle, retry: quick });

    const limited = call('/assets', 'scenario\nStudio\n');
    await expect.poll(() => throttle.heldUntil('scenario\nStudio\n')).not.toBeNull();
    const sameAccount = call('/other', 'scenario\nStudio\n');
    const otherAccount = call('/other', 'scenario\nClient\n');
    await Promise.all([limited, sameAccount, otherAccount]);

    const [refused, retried] = server.requestsFor('/assets');
    const [other, same] = server.requestsFor('/other');
    expect(other?.at).toBeLessThan((refused?.at ?? 0) + 500);
    expect(same?.at).toBeGreaterThanOrEqual((refused?.at ?? 0) + 950);
    expect(retried?.at).toBeGreaterThanOrEqual((refused?.at ?? 0) + 950);
  });

  it('fails at once, saying until when, while the account is held for longer than a person should wait', async () => {
    const throttle = new AccountThrottle();
    throttle.holdUntil('echo3d\nStudio\n', Date.now() + 60_000);
    server.route('/query', { body: Buffer.from('{}') });
    const error = await failure(
      callApi(server.url('/query'), { platform: 'echo3D', accountKey: 'echo3d\nStudio\n', throttle, retry: quick }),
    );
    expect(error.message).toMatch(/^echo3D asked Ferry to slow down for this account \(HTTP 429\), so Ferry holds/);
    expect(server.requestsFor('/query')).toHaveLength(0);
  });

  it('gives up on a 429 that lasts, saying until when the account is held', async () => {
    const throttle = new AccountThrottle();
    server.route('/assets', { status: 429 });
    const error = await failure(
      callApi(server.url('/assets'), { platform: 'Scenario', accountKey: 'k', throttle, retry: quick }),
    );
    expect(server.requestsFor('/assets')).toHaveLength(4);
    expect(error.message).toMatch(/^Scenario is limiting how often this account may call it \(HTTP 429 on 4 tries\)/);
    expect(error.message).toContain("Ferry holds this account's calls and downloads meanwhile. Try again after that.");
  });
});
