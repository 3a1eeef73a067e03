import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytes, type Harness, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const secrets = { authorization: 'Bearer secret-token', cookie: 'session=abc' };

describe('redirects', () => {
  it('follows a relative Location and keeps credentials on the same origin', async () => {
    h.server.route('/start', { redirect: { status: 302, location: '../files/end.bin' } });
    h.server.route('/files/end.bin', { body: bytes(1000) });
    const outcome = await h.start({ spec: { url: h.server.url('/start'), headers: secrets } }).transfer.run();
    expect(outcome.status).toBe('done');
    expect(h.server.requestsFor('/files/end.bin')[0]?.headers).toMatchObject(secrets);
  });

  it('drops Authorization and Cookie when the redirect changes origin', async () => {
    h.server.route('/signed', { redirect: { status: 302, location: h.server.url('/cdn/asset.bin', 'other') } });
    h.server.route('/cdn/asset.bin', { body: bytes(2000) });
    const outcome = await h
      .start({
        spec: {
          url: h.server.url('/signed'),
          headers: { Authorization: 'Bearer secret-token', Cookie: 'session=abc', 'X-Client': 'ferry' },
        },
      })
      .transfer.run();
    expect(outcome.status).toBe('done');
    const [cdnRequest] = h.server.requestsFor('/cdn/asset.bin');
    expect(cdnRequest?.headers.host).toBe(new URL(h.server.url('/', 'other')).host);
    expect(cdnRequest?.headers.authorization).toBeUndefined();
    expect(cdnRequest?.headers.cookie).toBeUndefined();
    expect(cdnRequest?.headers['x-client']).toBe('ferry');
  });

  it('keeps credentials off the new origin for the ranged requests of a segmented download too', async () => {
    const file = bytes(4 * 1024 * 1024);
    h.server.route('/signed-big', { redirect: { status: 307, location: h.server.url('/cdn/big.bin', 'other') } });
    h.server.route('/cdn/big.bin', { body: file, etag: '"b"' });
    const outcome = await h
      .start({ spec: { url: h.server.url('/signed-big'), headers: secrets }, connections: 4 })
      .transfer.run();
    expect(outcome.status).toBe('done');
    const cdnRequests = h.server.requestsFor('/cdn/big.bin');
    expect(cdnRequests.length).toBeGreaterThan(1);
    expect(cdnRequests.every((request) => request.headers.authorization === undefined)).toBe(true);
    expect(cdnRequests.every((request) => request.headers.cookie === undefined)).toBe(true);
  });

  it('turns a POST answered with 302 into a GET without the body (echo3D conversions)', async () => {
    h.server.route('/download', { redirect: { status: 302, location: '/converted/model.glb' } });
    h.server.route('/converted/model.glb', { body: bytes(500) });
    const spec = {
      method: 'POST' as const,
      url: h.server.url('/download'),
      body: 'fileFormat=glb',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
    const outcome = await h.start({ spec }).transfer.run();
    expect(outcome.status).toBe('done');
    expect(h.server.requestsFor('/download')[0]).toMatchObject({ method: 'POST', body: 'fileFormat=glb' });
    expect(h.server.requestsFor('/converted/model.glb')[0]).toMatchObject({ method: 'GET', body: '' });
    expect(h.server.requestsFor('/converted/model.glb')[0]?.headers['content-type']).toBeUndefined();
  });

  it('detects a redirect loop', async () => {
    h.server.route('/ping', { redirect: { status: 302, location: '/pong' } });
    h.server.route('/pong', { redirect: { status: 302, location: '/ping' } });
    const outcome = await h.start({ spec: { url: h.server.url('/ping') } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'redirect' } });
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(/redirects in a loop/);
  });

  it('stops after 10 redirects', async () => {
    for (let i = 0; i < 12; i++) h.server.route(`/hop${i}`, { redirect: { status: 301, location: `/hop${i + 1}` } });
    const outcome = await h.start({ spec: { url: h.server.url('/hop0') } }).transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'redirect' } });
    expect(h.server.requests).toHaveLength(11);
  });

  it('allows exactly 10 redirects', async () => {
    for (let i = 0; i < 10; i++) h.server.route(`/r${i}`, { redirect: { status: 302, location: `/r${i + 1}` } });
    h.server.route('/r10', { body: bytes(10) });
    expect((await h.start({ spec: { url: h.server.url('/r0') } }).transfer.run()).status).toBe('done');
  });
});

describe('file names from the server', () => {
  const cases: [string, string][] = [
    [`attachment; filename*=UTF-8''%E6%A8%A1%E5%9E%8B%20v2.glb; filename="fallback.glb"`, '模型 v2.glb'],
    ['attachment; filename="quoted \\"name\\".png"', 'quoted _name_.png'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="..\\\\windows\\\\system.ini"', 'system.ini'],
    ['attachment; filename="CON.txt"', '_CON.txt'],
    ['attachment; filename=" spaced. "', 'spaced'],
    ['attachment; filename="caf\u00c3\u00a9.jpg"', 'café.jpg'],
    ['inline', 'fallback-name.bin'],
  ];

  it.each(cases)('%s is saved as %s', async (disposition, expected) => {
    h.server.route('/fallback-name.bin', { body: bytes(100), headers: { 'content-disposition': disposition } });
    const outcome = await h.start({ spec: { url: h.server.url('/fallback-name.bin') } }).transfer.run();
    expect(outcome.status === 'done' && outcome.path.split('/').pop()).toBe(expected);
  });

  it('prefers the provider name over the URL, and adds an extension from the type', async () => {
    h.server.route('/api/v1/assets/123/download', { body: bytes(100), headers: { 'content-type': 'image/png' } });
    const outcome = await h
      .start({ spec: { url: h.server.url('/api/v1/assets/123/download'), suggestedName: 'Castle at dusk' } })
      .transfer.run();
    expect(outcome.status === 'done' && outcome.path.split('/').pop()).toBe('Castle at dusk.png');
  });
});
