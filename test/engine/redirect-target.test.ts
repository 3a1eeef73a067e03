import { describe, expect, it } from 'vitest';
import { EngineError } from '../../electron/engine/engine-error';
import { redirectTarget } from '../../electron/engine/http-request';
import { type HttpTarget, toTarget } from '../../electron/engine/http-target';

/** echo3D's POST /download: the keys travel as a form body. */
const echo3dPost = (origin: string): HttpTarget =>
  toTarget({
    method: 'POST',
    url: `${origin}/download`,
    body: 'key=api-key-1&userKey=user-key-2&secKey=sec-key-3&fileFormat=glb',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-client': 'ferry' },
  });

const credentialHeaders = {
  Authorization: 'Bearer tok-1',
  Cookie: 'session=s-2',
  'Proxy-Authorization': 'Basic cHJveHk=',
  'X-Api-Key': 'k-3',
  'X-Auth-Token': 't-4',
  'X-Echo-Key': 'k-5',
  Accept: '*/*',
  'X-Client': 'ferry',
};

function refusal(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected the redirect to be refused');
}

describe('a redirect to another origin', () => {
  it.each([307, 308])('refuses a %i that would carry the body there', (status) => {
    const error = refusal(() => redirectTarget(echo3dPost('http://api.example'), 'http://evil.example/grab', status));
    expect(error.code).toBe('redirect');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /^api\.example tried to send the request and its credentials to another site \(evil\.example\)\. Ferry did not follow/,
    );
    expect(error.message).not.toMatch(/api-key-1|user-key-2|sec-key-3/);
  });

  it.each([301, 302, 303])('turns a POST answered %i into a GET without body or body headers', (status) => {
    const next = redirectTarget(echo3dPost('http://api.example'), 'http://cdn.example/model.glb', status);
    expect(next).toEqual({ method: 'GET', url: 'http://cdn.example/model.glb', headers: { 'x-client': 'ferry' } });
  });

  it('drops every header that looks like a credential and keeps the others', () => {
    const current = toTarget({ url: 'http://api.example/file', headers: credentialHeaders });
    const next = redirectTarget(current, 'http://cdn.example/file', 307);
    expect(next.headers).toEqual({ accept: '*/*', 'x-client': 'ferry' });
  });

  it('keeps body and headers on the same origin, for 307 as for 308', () => {
    const current = { ...echo3dPost('http://api.example'), headers: { authorization: 'Bearer tok-1' } };
    for (const status of [307, 308]) {
      expect(redirectTarget(current, '/v2/download', status)).toEqual({
        ...current,
        url: 'http://api.example/v2/download',
      });
    }
  });

  it('counts another port or scheme as another origin', () => {
    expect(() => redirectTarget(echo3dPost('http://api.example'), 'http://api.example:8080/download', 307)).toThrow(
      EngineError,
    );
    const current = toTarget({ url: 'http://api.example/file', headers: { authorization: 'Bearer tok-1' } });
    expect(redirectTarget(current, 'https://api.example/file', 301).headers).toEqual({});
  });
});

describe('a redirect from https to http', () => {
  const signed = [
    'https://cdn.example/a.glb?key=abc',
    'https://cdn.example/a.glb?token=abc',
    'https://cdn.example/a.glb?signature=abc',
    'https://cdn.example/a.glb?X-Amz-Signature=abc&X-Amz-Credential=def',
    'https://cdn.example/a.glb?Key-Pair-Id=abc&Signature=def',
    'https://user:pass@cdn.example/a.glb',
  ];

  it.each(signed)('is refused for the signed link %s', (url) => {
    const error = refusal(() => redirectTarget(toTarget({ url }), 'http://mirror.example/a.glb', 302));
    expect(error.code).toBe('redirect');
    expect(error.message).toMatch(
      /^cdn\.example redirected a signed or credentialed request to an unencrypted http:\/\/ address \(mirror\.example\)\. Ferry did not follow/,
    );
  });

  it.each(Object.keys(credentialHeaders).filter((name) => !/^(accept|x-client)$/i.test(name)))(
    'is refused for a request with a %s header',
    (name) => {
      const current = toTarget({ url: 'https://cdn.example/a.glb', headers: { [name]: 'secret' } });
      expect(() => redirectTarget(current, 'http://mirror.example/a.glb', 302)).toThrow(/unencrypted http/);
    },
  );

  it('is refused for a POST with a body, even when it would become a GET', () => {
    expect(() => redirectTarget(echo3dPost('https://api.example'), 'http://cdn.example/model.glb', 302)).toThrow(
      /unencrypted http/,
    );
  });

  it('is refused when the http address itself is signed', () => {
    const current = toTarget({ url: 'https://api.example/asset/1' });
    expect(() => redirectTarget(current, 'http://cdn.example/a.glb?X-Amz-Signature=abc', 302)).toThrow(
      /unencrypted http/,
    );
  });

  it('is followed for a plain public GET, as browsers and curl do', () => {
    const current = toTarget({ url: 'https://example.org/pub/a.zip?version=2', headers: { accept: '*/*' } });
    expect(redirectTarget(current, 'http://mirror.example/pub/a.zip', 301)).toEqual({
      method: 'GET',
      url: 'http://mirror.example/pub/a.zip',
      headers: { accept: '*/*' },
    });
  });
});
