import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCidStore } from '../support/fake-cid-store';
import { FakeIpfsGateway } from '../support/fake-ipfs-gateway';
import { folderText } from '../support/folder-text';
import { IpfsContent } from '../support/ipfs-content';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines } from './ferry-cli';

const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const CIDV0 = 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG';
const RAW_CID = 'bafkreibruh455iawsviqslif5c7uurdcfdemh22mtnytyzvnzn75kpejxy';
const TOKEN = 'store-static-TOKEN-5d1e';
const LOGIN = 'artist@example.com';
const PASSWORD = 'store-PASSWORD-77aa';

const model = Buffer.concat([Buffer.from('glTF'), randomBytes(200_000)]);
const notes = Buffer.from('walls first, then the roof');

let store: FakeCidStore;
let profile: TempDir;
let downloads: string;

beforeEach(async () => {
  store = await FakeCidStore.start(LOGIN, PASSWORD, TOKEN);
  profile = await makeTempDir('ferry-cid-store-');
  downloads = join(profile.path, 'dl');
});
afterEach(async () => {
  for (const label of ['Store', 'Login', 'Wrong']) await ferry(['accounts', 'rm', label], profile.path);
  await store.close();
  await profile.remove();
});

function addTokenAccount(label = 'Store', token = TOKEN) {
  return ferry(
    ['accounts', 'add', 'cid', '--label', label, `endpoint=${store.endpoint}`, `token=${token}`],
    profile.path,
  );
}

function addLoginAccount(label = 'Login', password = PASSWORD) {
  return ferry(
    ['accounts', 'add', 'cid', '--label', label, `authUrl=${store.authUrl}`, `login=${LOGIN}`, `password=${password}`],
    profile.path,
  );
}

function get(refs: string[], ...extra: string[]) {
  return ferry(['get', ...refs, '-o', downloads, '--json', ...extra], profile.path);
}

function lastEvent(stdout: string) {
  return jsonLines(stdout).at(-1);
}

/** Nothing under a final name, no part, no staging folder. */
function nothingAt(folder: string): boolean {
  return !existsSync(folder) || readdirSync(folder).length === 0;
}

describe('the CID store from the CLI', { timeout: 30_000 }, () => {
  it('posts get with the Bearer token and keeps raw bytes as they are, named by Content-Disposition', async () => {
    store.reply(CID, { kind: 'raw', body: model, name: 'castle.glb' });
    expect((await addTokenAccount()).code).toBe(0);
    const result = await get([`cid:${CID}`]);
    expect(result.code).toBe(0);
    expect(lastEvent(result.stdout)).toMatchObject({
      event: 'done',
      path: join(downloads, 'castle.glb'),
      size: model.length,
      sha256: createHash('sha256').update(model).digest('hex'),
    });
    expect((await readFile(join(downloads, 'castle.glb'))).equals(model)).toBe(true);
    expect(store.gets()).toEqual([
      expect.objectContaining({ method: 'POST', url: `/api/v1/get?arg=${CID}`, authorization: `Bearer ${TOKEN}` }),
    ]);
  });

  it('names raw bytes without a name after the CID, with the extension its bytes show', async () => {
    store.reply(CIDV0, { kind: 'raw', body: model });
    await addTokenAccount();
    expect((await get([CIDV0])).code).toBe(0);
    expect(readdirSync(downloads)).toEqual([`${CIDV0}.glb`]);
  });

  it('sends ipfs://<CID>/path as arg=<CID>/path, and takes a gateway link the same way', async () => {
    store.reply(`${CID}/docs/notes.txt`, { kind: 'raw', body: notes, name: 'notes.txt' });
    await addTokenAccount();
    expect((await get([`ipfs://${CID}/docs/notes.txt`])).code).toBe(0);
    expect((await get([`https://ipfs.io/ipfs/${CID}/docs/notes.txt`])).code).toBe(0);
    expect(store.gets().map((request) => new URL(request.url, 'http://x').searchParams.get('arg'))).toEqual([
      `${CID}/docs/notes.txt`,
      `${CID}/docs/notes.txt`,
    ]);
    expect(readdirSync(downloads).sort()).toEqual(['notes (1).txt', 'notes.txt']);
  });

  it('unpacks a TAR answer: one file becomes that file, a folder is named after the CID', async () => {
    store.reply(CIDV0, { kind: 'tar', entries: [{ path: 'castle.glb', body: model }] });
    // Kubo names a lone file after the CID it was asked for.
    store.reply(RAW_CID, { kind: 'tar', entries: [{ path: RAW_CID, body: model }] });
    store.reply(CID, {
      kind: 'tar',
      entries: [
        { path: CID },
        { path: `${CID}/castle.glb`, body: model },
        { path: `${CID}/docs/notes.txt`, body: notes },
      ],
    });
    await addTokenAccount();
    const file = await get([CIDV0]);
    expect(lastEvent(file.stdout)).toMatchObject({ event: 'done', path: join(downloads, 'castle.glb') });
    const folder = await get([CID]);
    expect(lastEvent(folder.stdout)).toMatchObject({
      event: 'done',
      path: join(downloads, CID),
      size: model.length + notes.length,
      sha256: null,
    });
    expect(lastEvent((await get([RAW_CID])).stdout)).toMatchObject({ path: join(downloads, `${RAW_CID}.glb`) });
    expect(readdirSync(downloads).sort()).toEqual([CID, `${RAW_CID}.glb`, 'castle.glb'].sort());
    expect((await readFile(join(downloads, CID, 'castle.glb'))).equals(model)).toBe(true);
    expect(await readFile(join(downloads, CID, 'docs', 'notes.txt'))).toEqual(notes);
  });

  it('fetches a cut-off TAR, or a body that ends early, again from the start', async () => {
    store.reply(CID, { kind: 'tar', entries: [{ path: 'castle.glb', body: model }] });
    store.fault(CID, { kind: 'cut-tar', times: 1 });
    store.reply(CIDV0, { kind: 'raw', body: model, name: 'model.glb' });
    store.fault(CIDV0, { kind: 'short-body', times: 2 });
    await addTokenAccount();
    const result = await get([CID, CIDV0]);
    expect(result.code).toBe(0);
    expect(readdirSync(downloads).sort()).toEqual(['castle.glb', 'model.glb']);
    expect((await readFile(join(downloads, 'model.glb'))).equals(model)).toBe(true);
    expect(store.gets()).toHaveLength(5);
  });

  it('never finishes an answer that ends in an X-Stream-Error trailer: retried, then failed clearly, nothing left', async () => {
    store.reply(CID, { kind: 'raw', body: model, name: 'castle.glb' });
    store.fault(CID, { kind: 'stream-error' });
    await addTokenAccount();
    const result = await get([CID]);
    expect(result.code).toBe(1);
    expect(lastEvent(result.stdout)).toMatchObject({
      event: 'failed',
      error: {
        message: expect.stringMatching(
          /broke off the answer with an error \("context deadline exceeded"\).*gave up after 5 attempts/,
        ),
      },
    });
    expect(store.gets()).toHaveLength(5);
    expect(nothingAt(downloads)).toBe(true);
  });

  it('says what the store said when it cannot send the content', async () => {
    await addTokenAccount();
    const result = await get([CID]);
    expect(result.code).toBe(1);
    expect(lastEvent(result.stdout)).toMatchObject({
      event: 'failed',
      error: { message: `The CID store could not send ${CID}: "merkledag: not found (${CID})".` },
    });
    expect(store.gets()).toHaveLength(1);
  });

  it('signs in with login and password, keeps the token in the keychain, and signs in again once on 401', async () => {
    store.reply(CID, { kind: 'raw', body: notes, name: 'notes.txt' });
    expect((await addLoginAccount()).code).toBe(0);
    expect((await get([CID])).code).toBe(0);
    expect((await get([CID])).code).toBe(0);
    const signIns = () => store.requests.filter((request) => request.url === '/auth');
    expect(signIns()).toHaveLength(1);
    expect(JSON.parse(signIns()[0]?.body ?? '')).toEqual({ login: LOGIN, password: PASSWORD });
    store.expireSessions();
    expect((await get([CID])).code).toBe(0);
    expect(signIns()).toHaveLength(2);
    const tokens = store.gets().map((request) => request.authorization);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens.slice(2)).toEqual([tokens[0], expect.stringMatching(/^Bearer jwt-2-/)]);
    const everything = (await folderText(profile.path)) + JSON.stringify(store.requests.map((r) => r.url));
    expect(everything).not.toContain('jwt-');
    expect(everything).not.toContain(PASSWORD);
  });

  it('reads the token and the endpoint under the other names sign-ins use', async () => {
    store.authShape = { tokenField: 'access_token', endpointField: 'url', nested: false };
    store.reply(CID, { kind: 'raw', body: notes, name: 'notes.txt' });
    await addLoginAccount();
    expect((await get([CID])).code).toBe(0);
  });

  it('tells refused credentials apart, with no secret in any output', async () => {
    store.reply(CID, { kind: 'raw', body: notes, name: 'notes.txt' });
    await addLoginAccount('Wrong', 'not-the-PASSWORD');
    const refused = await get([CID], '--account', 'Wrong');
    expect(refused.code).toBe(1);
    expect(lastEvent(refused.stdout)).toMatchObject({
      event: 'failed',
      error: {
        code: 'provider',
        message: expect.stringContaining('The CID store refused the credentials of "Wrong" (HTTP 401)'),
      },
    });
    await addTokenAccount('Store', 'not-the-TOKEN');
    // Refused on the download itself, not at sign-in: still the account's credentials, not the content.
    const badToken = await get([CID], '--account', 'Store');
    expect(lastEvent(badToken.stdout)).toMatchObject({
      error: { code: 'provider', message: expect.stringContaining('refused the credentials of "Store"') },
    });
    const everything = refused.stdout + refused.stderr + badToken.stdout + (await folderText(profile.path));
    expect(everything).not.toContain('not-the-PASSWORD');
    expect(everything).not.toContain('not-the-TOKEN');
    expect(nothingAt(downloads)).toBe(true);
  });

  it('tests accounts against the store: exit 0 when it takes them, 1 with a credentials message when not', async () => {
    await addTokenAccount();
    await addLoginAccount();
    await addLoginAccount('Wrong', 'not-the-PASSWORD');
    expect(await ferry(['accounts', 'test', 'Store'], profile.path)).toMatchObject({
      code: 0,
      stdout: `The CID store at ${new URL(store.endpoint).host} takes the token of "Store".\n`,
    });
    expect(await ferry(['accounts', 'test', 'Login'], profile.path)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Signed in to the CID store as ${LOGIN}`),
    });
    const wrong = await ferry(['accounts', 'test', 'Wrong'], profile.path);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The CID store refused the credentials of "Wrong"');
    expect(wrong.stderr).not.toContain('not-the-PASSWORD');
  });

  it('goes to the gateways instead when --gateway is given, even with an account', async () => {
    const content = await IpfsContent.build([{ path: 'notes.txt', content: notes }]);
    const gateway = await FakeIpfsGateway.start();
    gateway.serve(content);
    try {
      await addTokenAccount();
      const result = await get([content.root.toString()], '--gateway', gateway.url);
      expect(result.code).toBe(0);
      expect(store.gets()).toHaveLength(0);
      expect(gateway.requests).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });
});
