import { describe, expect, it } from 'vitest';
import { type CidRef, cidPath, parseCidRef, recognizesCidRef } from '../../electron/providers/cid/cid-ref';
import { gatewayChoice, gatewayUrl } from '../../electron/providers/cid/gateways';
import { defaultProviders } from '../../electron/providers/registry';

const V1 = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const V0 = 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG';

function parsed(ref: string): { cid: string; path: string[]; filename?: string } {
  const result = parseCidRef(ref);
  if (typeof result === 'string') throw new Error(result);
  return { cid: result.cid.toString(), path: result.path, ...(result.filename ? { filename: result.filename } : {}) };
}

describe('CID refs', () => {
  it.each([
    [`cid:${V1}`, { cid: V1, path: [] }],
    [`CID:${V0}`, { cid: V0, path: [] }],
    [V1, { cid: V1, path: [] }],
    [`  ${V0}  `, { cid: V0, path: [] }],
    [`${V0}/castle/castle.glb`, { cid: V0, path: ['castle', 'castle.glb'] }],
    [`ipfs://${V1}`, { cid: V1, path: [] }],
    [`ipfs://${V1}/photos/my%20cat.png`, { cid: V1, path: ['photos', 'my cat.png'] }],
    [`https://ipfs.io/ipfs/${V0}`, { cid: V0, path: [] }],
    [`https://gateway.ipfs.io/ipfs/${V1}/a/b.txt?format=raw`, { cid: V1, path: ['a', 'b.txt'] }],
    [`http://127.0.0.1:8080/ipfs/${V1}/?filename=castle.glb`, { cid: V1, path: [], filename: 'castle.glb' }],
    [`https://${V1}.ipfs.dweb.link/docs/notes.txt`, { cid: V1, path: ['docs', 'notes.txt'] }],
    [`ipfs://${V1}/a.png?filename=cat.png`, { cid: V1, path: ['a.png'], filename: 'cat.png' }],
  ])('reads %s', (ref, expected) => {
    expect(recognizesCidRef(ref)).toBe(true);
    expect(parsed(ref)).toEqual(expected);
  });

  it.each([
    `cid:${V1.slice(0, -2)}`,
    `ipfs://${V0.slice(0, -1)}0`,
    'cid:Qm123',
    `${V1.slice(0, 30)}`,
    `https://ipfs.io/ipfs/${V1.slice(0, -4)}/file.txt`,
  ])('says %s does not hold a valid CID', (ref) => {
    expect(recognizesCidRef(ref)).toBe(true);
    expect(parseCidRef(ref)).toEqual(expect.stringContaining('does not hold a valid CID'));
  });

  it('refuses dot segments in the path, which gateways would resolve away', () => {
    expect(parseCidRef(`ipfs://${V1}/photos/../secret`)).toEqual(expect.stringContaining('"." or ".."'));
  });

  it('leaves links that only mention IPFS to direct links, and other words alone', () => {
    for (const ref of [
      'https://docs.ipfs.tech/concepts/what-is-ipfs/',
      'https://example.com/ipfs/whitepaper.pdf',
      'hello',
      'bafy',
      'echo3d:file/abc',
    ]) {
      expect(recognizesCidRef(ref)).toBe(false);
    }
    const registry = defaultProviders();
    expect(registry.forRef('https://example.com/ipfs/whitepaper.pdf')?.id).toBe('http');
    expect(registry.forRef(`https://ipfs.io/ipfs/${V1}`)?.id).toBe('cid');
  });

  it('builds the arg and the gateway path, each segment encoded for a URL', () => {
    const ref = parseCidRef(`ipfs://${V1}/my%20photos/cat%231.png`) as CidRef;
    expect(cidPath(ref)).toBe(`${V1}/my photos/cat#1.png`);
    expect(gatewayUrl('https://gw.example/', cidPath(ref, encodeURIComponent))).toBe(
      `https://gw.example/ipfs/${V1}/my%20photos/cat%231.png`,
    );
  });
});

describe('which gateways', () => {
  const setting = ['https://trustless-gateway.link', 'https://ipfs.io'];

  it('takes --gateway first (and then even over an account), then FERRY_IPFS_GATEWAY, then the setting', () => {
    expect(gatewayChoice(['http://127.0.0.1:8080'], { FERRY_IPFS_GATEWAY: 'https://a.example' }, setting)).toEqual({
      urls: ['http://127.0.0.1:8080'],
      forced: true,
    });
    expect(gatewayChoice([], { FERRY_IPFS_GATEWAY: ' https://a.example, https://b.example/ ,' }, setting)).toEqual({
      urls: ['https://a.example', 'https://b.example/'],
      forced: false,
    });
    expect(gatewayChoice([], {}, setting)).toEqual({ urls: setting, forced: false });
  });

  it('says what is wrong with a gateway in FERRY_IPFS_GATEWAY', () => {
    expect(() => gatewayChoice([], { FERRY_IPFS_GATEWAY: 'ipfs.io' }, setting)).toThrow(
      /FERRY_IPFS_GATEWAY: "ipfs.io" is not an IPFS gateway address/,
    );
  });
});
