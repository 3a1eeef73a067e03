import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeIpfsGateway } from '../support/fake-ipfs-gateway';
import { IpfsContent } from '../support/ipfs-content';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines } from './ferry-cli';

/** A PNG's signature, then bytes enough for several blocks: named `<CID>.png` when fetched by bare CID. */
const picture = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(700_000)]);
/** A GLB's magic: named `<CID>.glb`. */
const castle = Buffer.concat([Buffer.from('glTF'), randomBytes(300_000)]);
const stone = Buffer.from('stone texture');
const readme = Buffer.from('a small castle');

let single: IpfsContent;
let singleV0: IpfsContent;
let folder: IpfsContent;
let gateway: FakeIpfsGateway;
let profile: TempDir;
let downloads: string;

beforeAll(async () => {
  single = await IpfsContent.build([{ path: 'picture', content: picture }]);
  singleV0 = await IpfsContent.build([{ path: 'castle.glb', content: castle }], 0);
  folder = await IpfsContent.build([
    { path: 'castle/castle.glb', content: castle },
    { path: 'castle/textures/stone.png', content: stone },
    { path: 'castle/README.txt', content: readme },
  ]);
});
beforeEach(async () => {
  gateway = await FakeIpfsGateway.start();
  for (const content of [single, singleV0, folder]) gateway.serve(content);
  profile = await makeTempDir('ferry-cid-gateway-');
  downloads = join(profile.path, 'dl');
});
afterEach(async () => {
  await gateway.close();
  await profile.remove();
});

function get(refs: string[], ...extra: string[]) {
  return ferry(['get', ...refs, '-o', downloads, '--json', '--gateway', gateway.url, ...extra], profile.path);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The destination holds nothing: no file under a final name, no part, no staging folder. */
function nothingAt(folder: string): boolean {
  return !existsSync(folder) || readdirSync(folder).length === 0;
}

describe('CIDs from IPFS gateways, verified', { timeout: 30_000 }, () => {
  it('fetches a bare CIDv1 as a CAR, byte-identical, named by the CID and the extension its bytes show', async () => {
    const result = await get([single.root.toString()]);
    expect(result.code).toBe(0);
    const path = join(downloads, `${single.root}.png`);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      event: 'done',
      path,
      size: picture.length,
      sha256: sha256(picture),
    });
    expect((await readFile(path)).equals(picture)).toBe(true);
    const [request] = gateway.requests;
    expect(request?.url).toBe(`/ipfs/${single.root}?format=car&dag-scope=all`);
    expect(request?.headers.accept).toContain('application/vnd.ipld.car');
  });

  it('takes cid:, ipfs:// with a path, a CIDv0 and a gateway link pasted from a browser', async () => {
    const forms = [
      `cid:${singleV0.root}`,
      `ipfs://${folder.root}/castle/textures/stone.png`,
      `https://ipfs.example/ipfs/${folder.root}/castle/README.txt?filename=notes.txt`,
    ];
    const result = await get(forms);
    expect(result.code).toBe(0);
    expect(readdirSync(downloads).sort()).toEqual([`${singleV0.root}.glb`, 'notes.txt', 'stone.png'].sort());
    expect((await readFile(join(downloads, `${singleV0.root}.glb`))).equals(castle)).toBe(true);
    expect(await readFile(join(downloads, 'stone.png'))).toEqual(stone);
    expect(await readFile(join(downloads, 'notes.txt'))).toEqual(readme);
    expect(singleV0.root.toString()).toMatch(/^Qm/);
    // The pasted link names content, not a server: it is fetched from the gateways Ferry was given.
    expect(gateway.requests.map((request) => request.url)).toContain(
      `/ipfs/${folder.root}/castle/README.txt?format=car&dag-scope=all`,
    );
  });

  it('rebuilds a folder, named after its CID, with every file byte-identical', async () => {
    const result = await get([folder.root.toString()]);
    expect(result.code).toBe(0);
    const top = join(downloads, folder.root.toString(), 'castle');
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      event: 'done',
      path: join(downloads, folder.root.toString()),
      size: castle.length + stone.length + readme.length,
      sha256: null,
    });
    expect(readdirSync(top).sort()).toEqual(['README.txt', 'castle.glb', 'textures']);
    expect((await readFile(join(top, 'castle.glb'))).equals(castle)).toBe(true);
    expect(await readFile(join(top, 'textures', 'stone.png'))).toEqual(stone);
  });

  it('never produces a file from a tampered CAR: the download fails, saying so, and nothing is at the destination', async () => {
    gateway.fault(single.root.toString(), { tamperBlock: 2 });
    const result = await get([single.root.toString()]);
    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      event: 'failed',
      error: { code: 'verification', message: expect.stringContaining('does not match its CID') },
    });
    expect(nothingAt(downloads)).toBe(true);
  });

  it('fails a CAR that lacks a block the content needs, and leaves nothing behind', async () => {
    gateway.fault(folder.root.toString(), { omitBlock: 3 });
    const result = await get([folder.root.toString()]);
    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      event: 'failed',
      error: { message: expect.stringMatching(/ended its answer without block \w+/) },
    });
    expect(nothingAt(downloads)).toBe(true);
  });

  it('fetches a CAR the gateway cut off mid-block again from the same gateway, byte-identical', async () => {
    gateway.fault(single.root.toString(), { cutInBlock: 1, times: 1 });
    const result = await get([single.root.toString()]);
    expect(result.code).toBe(0);
    expect((await readFile(join(downloads, `${single.root}.png`))).equals(picture)).toBe(true);
    expect(gateway.requests).toHaveLength(2);
  });

  it('tries the gateways in order: one that sends altered data is left for the next, which checks out', async () => {
    const honest = await FakeIpfsGateway.start();
    honest.serve(single);
    gateway.fault(single.root.toString(), { tamperBlock: 0 });
    try {
      const result = await get([single.root.toString()], '--gateway', honest.url);
      expect(result.code).toBe(0);
      expect((await readFile(join(downloads, `${single.root}.png`))).equals(picture)).toBe(true);
      expect(gateway.requests).toHaveLength(1);
      expect(honest.requests).toHaveLength(1);
    } finally {
      await honest.close();
    }
  });

  it('follows a gateway’s redirect, and retries one that is busy', async () => {
    gateway.fault(single.root.toString(), { status: 503, times: 1 });
    const result = await ferry(
      ['get', single.root.toString(), '-o', downloads, '--gateway', `${gateway.url}/moved`],
      profile.path,
    );
    expect(result.code).toBe(0);
    expect(gateway.requests.map((request) => request.url.split('?')[0])).toEqual([
      `/moved/ipfs/${single.root}`,
      `/ipfs/${single.root}`,
      `/moved/ipfs/${single.root}`,
      `/ipfs/${single.root}`,
    ]);
  });

  it('takes the gateways from FERRY_IPFS_GATEWAY, else from the ipfsGateways setting', async () => {
    const fromEnv = await ferry(['get', single.root.toString(), '-o', join(downloads, 'env')], profile.path, {
      FERRY_IPFS_GATEWAY: `${gateway.url}/elsewhere, ${gateway.url}`,
    });
    expect(fromEnv.code).toBe(0);
    writeFileSync(join(profile.path, 'settings.json'), JSON.stringify({ ipfsGateways: [gateway.url] }));
    const fromSettings = await ferry(['get', single.root.toString(), '-o', join(downloads, 'settings')], profile.path);
    expect(fromSettings.code).toBe(0);
    expect(readdirSync(join(downloads, 'settings'))).toEqual([`${single.root}.png`]);
    expect(gateway.requests.map((request) => request.url.split('?')[0])).toEqual([
      `/elsewhere/ipfs/${single.root}`,
      `/ipfs/${single.root}`,
      `/ipfs/${single.root}`,
    ]);
  });

  it('refuses a malformed CID as bad input, before any request', async () => {
    const broken = `${single.root.toString().slice(0, -3)}xyz`;
    for (const ref of [broken, `ipfs://${broken}`, `cid:Qm123`, `https://ipfs.io/ipfs/${broken}/file.txt`]) {
      const result = await ferry(['get', ref, '-o', downloads, '--gateway', gateway.url], profile.path);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('does not hold a valid CID');
    }
    expect(gateway.requests).toHaveLength(0);
    const badGateway = await ferry(['get', single.root.toString(), '--gateway', 'ftp://example.com'], profile.path);
    expect(badGateway.code).toBe(2);
    expect(badGateway.stderr).toContain('is not an IPFS gateway address');
    // Gateways are not stored with a download: add would drop them, so it refuses them instead.
    const added = await ferry(['add', single.root.toString(), '--gateway', gateway.url], profile.path);
    expect(added.code).toBe(2);
    expect(added.stderr).toContain('--gateway goes with get or run');
  });
});
