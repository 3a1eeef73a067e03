import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer } from '../support/fault-server';
import { type Harness, startHarness } from './engine-harness';
import { loopbackCertificate } from './loopback-tls';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** A loopback server that answers every connection with these raw bytes, and counts the connections. */
async function rawServer(answer: Buffer): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/file.bin`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const head = (lines: string[]) => Buffer.from(`HTTP/1.1 200 OK\r\n${lines.join('\r\n')}\r\n\r\nbody`, 'latin1');

const brokenAnswers: [string, Buffer][] = [
  ['a 1 MB header', head([`X-Big: ${'a'.repeat(1_000_000)}`, 'Content-Length: 4'])],
  ['5,000 headers', head([...Array.from({ length: 5_000 }, (_, i) => `X-H${i}: v`), 'Content-Length: 4'])],
  ['a NUL in a header', head(['X-Bad: a\u0000b', 'Content-Length: 4'])],
  ['a negative Content-Length', head(['Content-Length: -4'])],
  ['two different Content-Length headers', head(['Content-Length: 10', 'Content-Length: 20'])],
  ['one Content-Length holding two values', head(['Content-Length: 4, 20'])],
];

describe('answers that break HTTP', () => {
  it.each(brokenAnswers)('fails at once, in its own words, for %s', async (_what, answer) => {
    const server = await rawServer(answer);
    try {
      const outcome = await h.start({ spec: { url: server.url } }).transfer.run();
      expect(outcome).toMatchObject({ status: 'failed', error: { code: 'bad_response' } });
      const message = outcome.status === 'failed' ? outcome.error.message : '';
      expect(message).toMatch(/sent an answer that breaks the rules of HTTP \(.+\), so Ferry did not read it/);
      expect(message).not.toMatch(/try again|gave up/i);
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('a doubled Content-Length', () => {
  it('is named as such, not as a body cut off', async () => {
    const server = await rawServer(head(['Content-Length: 4', 'Content-Length: 20']));
    try {
      const outcome = await h.start({ spec: { url: server.url } }).transfer.run();
      const message = outcome.status === 'failed' ? outcome.error.message : '';
      expect(message).toMatch(/breaks the rules of HTTP \(.*second Content-Length.*\)/);
      expect(message).not.toMatch(/closed the connection|failed \(UND_ERR/);
    } finally {
      await server.close();
    }
  });
});

describe('a certificate this computer does not trust', () => {
  it('fails at once, saying so, without retrying', async () => {
    const secure = await FaultServer.start({ tls: await loopbackCertificate() });
    try {
      secure.route('/file.bin', { body: Buffer.from('body') });
      const outcome = await h.start({ spec: { url: secure.url('/file.bin') } }).transfer.run();
      expect(outcome).toMatchObject({ status: 'failed', error: { code: 'untrusted_certificate' } });
      const message = outcome.status === 'failed' ? outcome.error.message : '';
      expect(message).toMatch(/certificate is not one this computer trusts \((DEPTH_ZERO_SELF_SIGNED_CERT|[A-Z_]+)\)/);
      expect(message).not.toMatch(/try again|gave up/i);
      expect(secure.requests).toHaveLength(0);
    } finally {
      await secure.close();
    }
  });
});
