import { Agent } from 'undici';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadSpec } from '../../electron/engine/download-spec';
import { Transfer } from '../../electron/engine/transfer';
import type { TransferOutcome } from '../../electron/engine/transfer-types';
import { FaultServer } from '../support/fault-server';
import { bytes, type Harness, quickRetries, startHarness } from './engine-harness';
import { type LoopbackCertificate, loopbackCertificate } from './loopback-tls';

let h: Harness;
/** Another origin: a second server on another port, which must never see a secret. */
let other: FaultServer;
beforeEach(async () => {
  h = await startHarness();
  other = await FaultServer.start();
});
afterEach(async () => {
  await other.close();
  await h.close();
});

const keys = ['api-key-1', 'user-key-2', 'sec-key-3'];

/** echo3D's POST /download: the keys travel as a form body. */
function echo3dDownload(url: string, headers: Record<string, string> = {}): DownloadSpec {
  return {
    method: 'POST',
    url,
    body: `key=${keys[0]}&userKey=${keys[1]}&secKey=${keys[2]}&fileFormat=glb`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  };
}

function failure(outcome: TransferOutcome): { code: string; message: string } {
  if (outcome.status !== 'failed') throw new Error(`expected a failure, got ${outcome.status}`);
  return outcome.error;
}

describe('a redirect to another origin', () => {
  it.each([307, 308])('is refused when a %i would post the keys there: that server gets no request', async (status) => {
    other.route('/grab', { body: bytes(100) });
    h.server.route('/download', { redirect: { status, location: other.url('/grab') } });
    const outcome = await h.start({ spec: echo3dDownload(h.server.url('/download')) }).transfer.run();
    const error = failure(outcome);
    expect(error.code).toBe('redirect');
    expect(error.message).toMatch(
      /tried to send the request and its credentials to another site \(127\.0\.0\.1:\d+\)\. Ferry did not follow, so nothing was sent there\./,
    );
    expect(other.requests).toEqual([]);
    expect(h.server.requestsFor('/download')).toHaveLength(1);
    expect(await h.files()).toEqual([]);
  });

  it('is followed for a 302 as a GET that carries no key: not in the body, the headers or the query', async () => {
    const file = bytes(5000);
    other.route('/cdn/model.glb', { body: file });
    h.server.route('/download', { redirect: { status: 302, location: other.url('/cdn/model.glb?format=glb') } });
    const spec = echo3dDownload(h.server.url('/download'), { authorization: 'Bearer tok-4', 'x-api-key': 'k-5' });
    const outcome = await h.start({ spec }).transfer.run();
    expect(outcome).toMatchObject({ status: 'done', size: file.length });
    expect(other.requests).toHaveLength(1);
    const [request] = other.requests;
    expect(request).toMatchObject({ method: 'GET', body: '', url: '/cdn/model.glb?format=glb' });
    expect(request?.headers['content-type']).toBeUndefined();
    const seen = JSON.stringify(request);
    for (const secret of [...keys, 'key=', 'tok-4', 'k-5']) expect(seen).not.toContain(secret);
  });

  it('sends no header that looks like a credential along a 307 GET', async () => {
    other.route('/cdn/a.bin', { body: bytes(1000) });
    h.server.route('/a.bin', { redirect: { status: 307, location: other.url('/cdn/a.bin') } });
    const headers = {
      'Proxy-Authorization': 'Basic cHJveHk=',
      'X-Api-Key': 'k-1',
      'X-Auth-Token': 't-2',
      Accept: '*/*',
    };
    const outcome = await h.start({ spec: { url: h.server.url('/a.bin'), headers } }).transfer.run();
    expect(outcome.status).toBe('done');
    const sent = other.requests[0]?.headers ?? {};
    expect(sent.accept).toBe('*/*');
    for (const name of ['proxy-authorization', 'x-api-key', 'x-auth-token']) expect(sent[name]).toBeUndefined();
  });
});

describe('a redirect from https to http', () => {
  let certificate: LoopbackCertificate;
  let secure: FaultServer;
  let agent: Agent;
  beforeAll(async () => {
    certificate = await loopbackCertificate();
  });
  beforeEach(async () => {
    secure = await FaultServer.start({ tls: certificate });
    agent = new Agent({ connect: { ca: certificate.cert } });
  });
  afterEach(async () => {
    await agent.close();
    await secure.close();
  });

  function run(spec: DownloadSpec): Promise<TransferOutcome> {
    return new Transfer({ spec, directory: h.folder.path, dispatcher: agent, retry: quickRetries }).run();
  }

  it('is refused for a signed link: the http server gets no request', async () => {
    other.route('/cdn/a.glb', { body: bytes(100) });
    secure.route('/a.glb', { redirect: { status: 302, location: other.url('/cdn/a.glb') } });
    const error = failure(await run({ url: secure.url('/a.glb?X-Amz-Signature=abc123&X-Amz-Expires=60') }));
    expect(error.code).toBe('redirect');
    expect(error.message).toMatch(
      /^127\.0\.0\.1:\d+ redirected a signed or credentialed request to an unencrypted http:\/\/ address \(127\.0\.0\.1:\d+\)\. Ferry did not follow/,
    );
    expect(error.message).not.toContain('abc123');
    expect(other.requests).toEqual([]);
    expect(await h.files()).toEqual([]);
  });

  it("is refused for echo3D's POST, though the redirect would make it a GET", async () => {
    other.route('/cdn/model.glb', { body: bytes(100) });
    secure.route('/download', { redirect: { status: 302, location: other.url('/cdn/model.glb') } });
    const error = failure(await run(echo3dDownload(secure.url('/download'))));
    expect(error.code).toBe('redirect');
    expect(other.requests).toEqual([]);
  });

  it('is refused for a request with an Authorization header', async () => {
    other.route('/cdn/a.bin', { body: bytes(100) });
    secure.route('/a.bin', { redirect: { status: 301, location: other.url('/cdn/a.bin') } });
    const error = failure(await run({ url: secure.url('/a.bin'), headers: { Authorization: 'Bearer tok-1' } }));
    expect(error.code).toBe('redirect');
    expect(other.requests).toEqual([]);
  });

  it('is followed for a plain public GET, as browsers and curl do', async () => {
    const file = bytes(20_000);
    other.route('/mirror/a.zip', { body: file });
    secure.route('/a.zip', { redirect: { status: 302, location: other.url('/mirror/a.zip') } });
    const outcome = await run({ url: secure.url('/a.zip') });
    expect(outcome).toMatchObject({ status: 'done', size: file.length });
    expect((await h.read('a.zip')).equals(file)).toBe(true);
    expect(secure.requestsFor('/a.zip')).toHaveLength(1);
  });
});
