import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCidStore } from '../support/fake-cid-store';
import { type DelosEndpoint, type FakeDelos, startFakeDelos } from '../support/fake-delos';
import type { RecordedRequest } from '../support/fault-server';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines } from './ferry-cli';

const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const LOGIN = 'clerk@example.com';
const PASSWORD = 'limited-PASSWORD-42';
const TOKEN = 'store-static-TOKEN-429';

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000)]);
const model = Buffer.concat([Buffer.from('glTF'), randomBytes(300_000)]);

let profile: TempDir;
let downloads: string;
const closing: (() => Promise<void>)[] = [];

beforeEach(async () => {
  profile = await makeTempDir('ferry-rate-limited-');
  downloads = join(profile.path, 'dl');
});
afterEach(async () => {
  for (const label of ['Office', 'Store']) await ferry(['accounts', 'rm', label], profile.path);
  for (const close of closing.splice(0)) await close();
  await profile.remove();
});

async function get(ref: string) {
  const result = await ferry(['get', ref, '-o', downloads, '--json'], profile.path);
  return { ...result, last: jsonLines(result.stdout).at(-1) };
}

/** Milliseconds between one request and the next, as the server saw them. */
function gaps(requests: { at: number }[]): number[] {
  return requests.slice(1).map((request, index) => request.at - (requests[index]?.at ?? 0));
}

describe('ferry get against a Delos that answers 429 first', { timeout: 30_000 }, () => {
  let delos: FakeDelos;

  async function limit(endpoint: DelosEndpoint, count: number): Promise<void> {
    delos = await startFakeDelos({ login: LOGIN, password: PASSWORD, files: { file_1: fileOne } });
    closing.push(() => delos.server.close());
    delos.faults.rateLimit = { endpoint, count, retryAfterSeconds: 1 };
    const fields = [`login=${LOGIN}`, `password=${PASSWORD}`];
    await ferry(
      ['accounts', 'add', 'delos', '--label', 'Office', '--base-url', delos.baseUrl, ...fields],
      profile.path,
    );
  }
  const fileOne = { body: pdf, contentType: 'application/pdf', name: 'scan.pdf' };
  const fileRequests = (): RecordedRequest[] => delos.server.requestsFor('/v2/storage/file/file_1');

  it('signs in once Retry-After has passed, then downloads the file whole', async () => {
    await limit('login', 1);
    const result = await get('delos:file/file_1');
    expect(result.code).toBe(0);
    expect(result.last).toMatchObject({ event: 'done', size: pdf.length });
    expect((await readFile(join(downloads, 'scan.pdf'))).equals(pdf)).toBe(true);
    const logins = delos.server.requestsFor('/v2/auth/login');
    expect(logins).toHaveLength(2);
    expect(gaps(logins)[0]).toBeGreaterThanOrEqual(950);
  });

  it('asks for the file again only when Retry-After has passed, each time it answers 429', async () => {
    await limit('file', 2);
    const result = await get('delos:file/file_1');
    expect(result.code).toBe(0);
    expect((await readFile(join(downloads, 'scan.pdf'))).equals(pdf)).toBe(true);
    // Two probes refused, the one that passed, then the transfer.
    expect(fileRequests()).toHaveLength(4);
    for (const gap of gaps(fileRequests()).slice(0, 2)) expect(gap).toBeGreaterThanOrEqual(950);
  });

  it('waits out a 429 that comes when the file itself is asked for, then downloads it whole', async () => {
    await limit('transfer', 1);
    const result = await get('delos:file/file_1');
    expect(result.code).toBe(0);
    expect((await readFile(join(downloads, 'scan.pdf'))).equals(pdf)).toBe(true);
    const transfers = fileRequests().filter((request) => request.headers.range !== 'bytes=0-0');
    expect(transfers).toHaveLength(2);
    expect(gaps(transfers)[0]).toBeGreaterThanOrEqual(950);
  });
});

describe('ferry get against a CID store that answers 429 first', { timeout: 30_000 }, () => {
  let store: FakeCidStore;

  beforeEach(async () => {
    store = await FakeCidStore.start(LOGIN, PASSWORD, TOKEN);
    closing.push(() => store.close());
    store.reply(CID, { kind: 'raw', body: model, name: 'castle.glb' });
  });

  async function expectCastle(result: Awaited<ReturnType<typeof get>>): Promise<void> {
    expect(result.code).toBe(0);
    expect(result.last).toMatchObject({ event: 'done', path: join(downloads, 'castle.glb'), size: model.length });
    expect((await readFile(join(downloads, 'castle.glb'))).equals(model)).toBe(true);
  }

  it('posts get again once Retry-After has passed, and keeps the answer that came whole', async () => {
    await ferry(
      ['accounts', 'add', 'cid', '--label', 'Store', `endpoint=${store.endpoint}`, `token=${TOKEN}`],
      profile.path,
    );
    store.rateLimit('/api/v1/get', 1, 1);
    await expectCastle(await get(`cid:${CID}`));
    expect(store.gets()).toHaveLength(2);
    expect(gaps(store.gets())[0]).toBeGreaterThanOrEqual(950);
  });

  it('signs in once Retry-After has passed, then fetches', async () => {
    const fields = [`authUrl=${store.authUrl}`, `login=${LOGIN}`, `password=${PASSWORD}`];
    await ferry(['accounts', 'add', 'cid', '--label', 'Store', ...fields], profile.path);
    store.rateLimit('/auth', 1, 1);
    await expectCastle(await get(`cid:${CID}`));
    const signIns = store.requests.filter((request) => request.url === '/auth');
    expect(signIns).toHaveLength(2);
    expect(gaps(signIns)[0]).toBeGreaterThanOrEqual(950);
  });
});
