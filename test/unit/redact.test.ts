import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactLogParts } from '../../electron/logs/redact-log-parts';
import {
  forDisplay,
  REDACTED,
  redactHeaders,
  redactPairs,
  redactText,
  redactUrl,
  rememberSecret,
} from '../../shared/redact';

describe('redaction', () => {
  it('cuts echo3D keys from query strings, keeping the rest of the link usable to read', () => {
    expect(redactUrl('https://api.echo3d.com/query?key=abc123&email=a%40b.c&userKey=u-999&file=42')).toBe(
      `https://api.echo3d.com/query?key=${REDACTED}&email=a%40b.c&userKey=${REDACTED}&file=42`,
    );
  });

  it('cuts signatures from signed CDN links and passwords from URLs', () => {
    expect(redactUrl('https://cdn.example.com/a.glb?X-Amz-Signature=s1g&X-Amz-Credential=c&x=1')).toBe(
      `https://cdn.example.com/a.glb?X-Amz-Signature=${REDACTED}&X-Amz-Credential=${REDACTED}&x=1`,
    );
    expect(redactUrl('https://me:hunter2@host.example/path')).toBe(`https://${REDACTED}:${REDACTED}@host.example/path`);
  });

  it('cuts form bodies, headers, bearer tokens and known secrets from any message', () => {
    expect(redactPairs('key=abc&email=x@y.z&secKey=s')).toBe(`key=${REDACTED}&email=x@y.z&secKey=${REDACTED}`);
    expect(redactHeaders({ Authorization: 'Basic Zm9vOmJhcg==', Accept: 'application/json' })).toEqual({
      Authorization: REDACTED,
      Accept: 'application/json',
    });
    const message =
      'POST https://api.echo3d.com/download?key=k1 failed; sent Authorization: Bearer eyJhbGciOi.x.y and secret p4ssw0rd';
    const safe = redactText(message, ['p4ssw0rd']);
    expect(safe).not.toContain('k1');
    expect(safe).not.toContain('eyJhbGciOi');
    expect(safe).not.toContain('p4ssw0rd');
  });

  it('never leaves a key value in a URL whatever else the URL holds', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{6,20}$/), fc.webUrl(), (secret, url) => {
        const withKey = `${url}${url.includes('?') ? '&' : '?'}key=${secret}`;
        expect(redactText(`failed: ${withKey}`)).not.toContain(`key=${secret}`);
      }),
    );
    // fast-check's URL generator takes most of the time, several seconds on a busy 2-core machine.
  }, 30_000);

  it('shows a download without the credentials of its link', () => {
    const shown = forDisplay({
      ref: 'https://cdn.example.com/a.glb?token=t0k3n',
      error: { code: 'x', message: 'GET https://h/p?key=k9 failed' },
    });
    expect(shown.ref).toBe(`https://cdn.example.com/a.glb?token=${REDACTED}`);
    expect(shown.error?.message).not.toContain('k9');
  });

  it('is applied to every log line', () => {
    const lines = [
      redactLogParts(['request failed', new Error('GET https://api.echo3d.com/query?key=topsecret returned 500')]),
      redactLogParts(['headers', { authorization: 'Bearer topsecret' }]),
    ].join('\n');
    expect(lines).toContain('request failed');
    expect(lines).not.toContain('topsecret');
  });

  it('cuts a remembered secret in every form a server may echo it, whatever name it travels under', () => {
    const secret = 'sk/live+Ünïcode key=42!';
    rememberSecret(secret);
    const base64 = Buffer.from(secret).toString('base64');
    const forms = [
      secret,
      encodeURIComponent(secret),
      // The secret's letters are lower case already: only the escapes change.
      encodeURIComponent(secret).toLowerCase(),
      new URLSearchParams({ v: secret }).toString().slice(2),
      base64,
      base64.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'),
    ];
    for (const form of forms) {
      expect(redactText(`500: no such account "${form}" (retry later)`)).toBe(
        `500: no such account "${REDACTED}" (retry later)`,
      );
    }
    expect(redactUrl(`https://api.example/v2/auth/refresh/${encodeURIComponent(secret)}?x=1`)).toBe(
      `https://api.example/v2/auth/refresh/${REDACTED}?x=1`,
    );
    expect(redactLogParts([{ body: `echo ${base64}` }])).not.toContain(base64.slice(0, 12));
  });

  it('prefers the longest remembered form, and ignores values too short to be secrets', () => {
    rememberSecret('abcdef');
    rememberSecret('abcdef-and-more');
    expect(redactText('x abcdef-and-more y')).toBe(`x ${REDACTED} y`);
    rememberSecret('short');
    expect(redactText('a short word')).toBe('a short word');
    rememberSecret('regex.*(chars)[1]');
    expect(redactText('regexAAchars1 regex.*(chars)[1]')).toBe(`regexAAchars1 ${REDACTED}`);
  });
});
