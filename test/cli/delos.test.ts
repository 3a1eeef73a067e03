import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DelosFixture, type FakeDelos, startFakeDelos } from '../support/fake-delos';
import { folderText } from '../support/folder-text';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines, startFerry } from './ferry-cli';

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20_000, 7)]);
const big = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 31) % 251));

const fixture: DelosFixture = {
  login: 'clerk@example.com',
  password: 'delos-PASS-5150',
  staticToken: 'delos-static-TOKEN-77',
  files: {
    file_78901: { body: pdf, contentType: 'application/pdf', name: 'passport_scan.pdf' },
    file_78902: {
      body: Buffer.alloc(15_000, 3),
      contentType: 'image/jpeg',
      name: 'driver_license_front.jpg',
      disposition: 'inline',
      customerId: 'cust_12345',
    },
    file_45678: { body: Buffer.alloc(9_000, 5), contentType: 'image/jpeg' },
    file_json: { body: pdf, contentType: 'application/pdf', envelope: true },
    file_big: { body: big, contentType: 'application/zip', name: 'archive.zip' },
    file_locked: { body: Buffer.from('unlocked at last'), contentType: 'text/plain', name: 'notes.txt', lockedFor: 2 },
    file_stuck: { body: Buffer.from('never'), contentType: 'text/plain', lockedFor: Number.POSITIVE_INFINITY },
  },
  missing: ['file_99999'],
};

let delos: FakeDelos;
let profile: TempDir;
let downloads: string;

beforeEach(async () => {
  profile = await makeTempDir('ferry-delos-');
  downloads = join(profile.path, 'dl');
});
afterEach(async () => {
  for (const label of ['Office', 'Wrong', 'Token']) await ferry(['accounts', 'rm', label], profile.path);
  await delos?.server.close();
  await profile.remove();
});

async function start(changes: Partial<DelosFixture> = {}) {
  delos = await startFakeDelos({ ...fixture, ...changes });
}

function addAccount(label: string, fields: string[]) {
  return ferry(['accounts', 'add', 'delos', '--label', label, '--base-url', delos.baseUrl, ...fields], profile.path);
}

const addOffice = (extra: string[] = []) =>
  addAccount('Office', [`login=${fixture.login}`, `password=${fixture.password}`, ...extra]);

async function get(refs: string[], extra: string[] = []) {
  const result = await ferry(['get', ...refs, '-o', downloads, '--json', ...extra], profile.path);
  return { ...result, events: jsonLines(result.stdout) };
}

/** Nothing secret in what Ferry printed or keeps in its profile: the library, settings and logs. */
async function expectNoSecrets(...outputs: string[]) {
  const everything = outputs.join('\n') + (await folderText(profile.path));
  for (const secret of [fixture.password, fixture.staticToken as string, ...delos.issued]) {
    expect(everything).not.toContain(secret);
  }
}

// Each test runs the CLI several times, some against a server that makes Ferry wait.
describe('Delos from the CLI', { timeout: 30_000 }, () => {
  it('downloads files named by Content-Disposition, attachment or inline, and by id and type otherwise', async () => {
    await start();
    expect((await addOffice()).code).toBe(0);
    const result = await get([
      'delos:file/file_78901',
      'delos:file/file_78902?customer=cust_12345',
      'delos:file/file_45678',
    ]);
    expect(result.code).toBe(0);
    expect((await readdir(downloads)).sort()).toEqual([
      'driver_license_front.jpg',
      'file_45678.jpg',
      'passport_scan.pdf',
    ]);
    expect(await readFile(join(downloads, 'passport_scan.pdf'))).toEqual(pdf);
    expect(new URL(delos.server.requestsFor('/v2/storage/file/file_78902').at(-1)?.url ?? '', 'http://x').search).toBe(
      '?customerId=cust_12345',
    );
    const fileRequests = delos.server.requests.filter((request) => request.path.startsWith('/v2/storage/file/'));
    expect(fileRequests.every((request) => request.headers.accept === '*/*')).toBe(true);
    expect(delos.logins()).toBe(1);
    await expectNoSecrets(result.stdout, result.stderr);
  });

  it('keeps its tokens in the keychain between runs, so the next run signs in no more', async () => {
    await start();
    await addOffice();
    expect((await get(['delos:file/file_78901'])).code).toBe(0);
    expect((await get(['delos:file/file_45678'])).code).toBe(0);
    expect(delos.logins()).toBe(1);
    expect(delos.refreshedWith).toEqual([]);
    await expectNoSecrets();
  });

  it('renews a lapsing token with the refresh token it was last given, and logs in again when refused', async () => {
    await start({ accessTtl: 20 });
    await addOffice();
    for (const id of ['file_78901', 'file_45678', 'file_78901']) expect((await get([`delos:file/${id}`])).code).toBe(0);
    expect(delos.logins()).toBe(1);
    expect(delos.refreshedWith).toHaveLength(2);
    expect(delos.refreshedWith[1]).not.toBe(delos.refreshedWith[0]);
    delos.faults.refuseRefresh = true;
    expect((await get(['delos:file/file_45678'])).code).toBe(0);
    expect(delos.logins()).toBe(2);
    await expectNoSecrets();
  });

  it('renews a token that expires mid-download and resumes with Range from the bytes it has', async () => {
    await start();
    await addOffice();
    delos.faults.expireMidBody = { fileId: 'file_big', afterBytes: 1024 * 1024 };
    const result = await get(['delos:file/file_big'], ['--connections', '1', '--verbose']);
    expect(result.code).toBe(0);
    expect((await readFile(join(downloads, 'archive.zip'))).equals(big)).toBe(true);
    const transfers = delos.server
      .requestsFor('/v2/storage/file/file_big')
      .filter((r) => r.headers.range !== 'bytes=0-0');
    const resumedFrom = Number(/^bytes=(\d+)-$/.exec(transfers.at(-1)?.headers.range ?? '')?.[1]);
    expect(resumedFrom).toBeGreaterThan(0);
    expect(transfers.reduce((sum, request) => sum + request.sent, 0)).toBeLessThan(big.length + 256 * 1024);
    expect(transfers.at(-1)?.headers.authorization).not.toBe(transfers[0]?.headers.authorization);
    expect(delos.refreshedWith).toHaveLength(1);
    expect(delos.logins()).toBe(1);
    await expectNoSecrets(result.stdout, result.stderr);
  });

  it('decodes a file Delos sends as base64 JSON, named for the type inside, with its own size and hash', async () => {
    await start();
    await addOffice();
    const result = await get(['delos:file/file_json']);
    expect(result.code).toBe(0);
    const file = join(downloads, 'file_json.pdf');
    expect(await readFile(file)).toEqual(pdf);
    expect(result.events.at(-1)).toMatchObject({
      event: 'done',
      path: file,
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      unpackedTo: null,
    });
    expect(await readdir(downloads)).toEqual(['file_json.pdf']);
    // Only envelopes are decoded: a raw file goes straight to done, never showing unpacking.
    const plain = await ferry(['get', 'delos:file/file_json', 'delos:file/file_45678', '-o', downloads], profile.path);
    expect(plain.code).toBe(0);
    expect(plain.stdout.match(/^unpacking \d+ .*$/gm)).toEqual([expect.stringContaining('file_json (1).pdf')]);
  });

  it('shows a locked file as waiting: locked, then downloads it once unlocked', async () => {
    await start();
    await addOffice();
    const getting = startFerry(['get', 'delos:file/file_locked', '-o', downloads, '--json'], profile.path);
    let waitingFor: unknown = null;
    while (waitingFor === null && getting.exitCode === null) {
      const listed = jsonLines((await ferry(['ls', '--json'], profile.path)).stdout);
      waitingFor = listed.find((download) => download.status === 'waiting')?.waitingFor ?? null;
    }
    const result = await getting.result;
    expect(waitingFor).toBe('locked');
    expect(result.code).toBe(0);
    expect(await readFile(join(downloads, 'notes.txt'), 'utf8')).toBe('unlocked at last');
  });

  it('gives up on a file locked for longer than the setting allows', async () => {
    await start();
    await addOffice();
    writeFileSync(join(profile.path, 'settings.json'), JSON.stringify({ delosLockedTimeoutMinutes: 0.02 }));
    const result = await get(['delos:file/file_stuck']);
    expect(result.code).toBe(1);
    expect(result.events.at(-1)).toMatchObject({
      event: 'failed',
      error: {
        code: 'provider',
        message: expect.stringContaining(
          'Delos kept file file_stuck locked ("File is locked and cannot be downloaded")',
        ),
      },
    });
    expect(delos.server.requestsFor('/v2/storage/file/file_stuck').length).toBeGreaterThanOrEqual(2);
  });

  it('fails at once in Delos’s words for a missing file and a denied one, and for refused credentials', async () => {
    await start();
    await addOffice();
    await addAccount('Wrong', [`login=${fixture.login}`, 'password=not-the-password']);
    const missing = await get(['delos:file/file_99999']);
    const denied = await get(['delos:file/file_78902']);
    const refused = await get(['delos:file/file_78901', '--account', 'Wrong']);
    expect([missing.code, denied.code, refused.code]).toEqual([1, 1, 1]);
    expect(missing.events.at(-1)).toMatchObject({
      error: {
        code: 'provider',
        message: expect.stringContaining('Delos has no file file_99999: "File not found: file_99999"'),
      },
    });
    expect(denied.events.at(-1)).toMatchObject({
      error: {
        message: expect.stringContaining('Delos denied "Office" access to file file_78902: "Access denied to file'),
      },
    });
    expect(refused.events.at(-1)).toMatchObject({
      error: {
        message: expect.stringContaining('Delos refused the credentials of "Wrong" ("Invalid login or password")'),
      },
    });
    expect(delos.server.requestsFor('/v2/storage/file/file_99999')).toHaveLength(1);
    await expectNoSecrets(missing.stdout, denied.stdout, refused.stdout);
    expect(refused.stdout).not.toContain('not-the-password');
  });

  it('signs with a static token as it is, and says so when Delos refuses it', async () => {
    await start();
    await addAccount('Token', [`token=${fixture.staticToken}`, 'customerId=cust_12345']);
    await addAccount('Wrong', ['token=delos-stale-TOKEN-00']);
    const good = await get(['delos:file/file_78902', '--account', 'Token']);
    expect(good.code).toBe(0);
    expect(delos.server.requestsFor('/v2/storage/file/file_78902').at(-1)?.headers.authorization).toBe(
      fixture.staticToken,
    );
    const bad = await get(['delos:file/file_78901', '--account', 'Wrong']);
    expect(bad.events.at(-1)).toMatchObject({
      error: { message: expect.stringContaining('Delos refused the credentials of "Wrong" ("Unauthorized")') },
    });
    expect(delos.logins()).toBe(0);
    await expectNoSecrets(good.stdout, bad.stdout);
    expect(bad.stdout).not.toContain('delos-stale-TOKEN-00');
  });

  it('tests an account against the API, exiting 1 with a credentials message when refused', async () => {
    await start();
    await addOffice();
    await addAccount('Wrong', [`login=${fixture.login}`, 'password=not-the-password']);
    expect(await ferry(['accounts', 'test', 'Office'], profile.path)).toMatchObject({
      code: 0,
      stdout: 'Signed in to Delos as clerk@example.com: 7 files in storage.\n',
    });
    const bad = await ferry(['accounts', 'test', 'Wrong'], profile.path);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Delos refused the credentials of "Wrong"');
    expect(bad.stderr).not.toContain('not-the-password');
  });

  it('browses the storage page by page, listing the ref of each file, then gets one of them', async () => {
    await start({ listShape: 'items' });
    await addOffice();
    const listed = await ferry(['accounts', 'browse', 'Office'], profile.path);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('passport_scan.pdf  PDF · 19.5 KiB\n  Download         delos:file/file_78901\n');
    expect(listed.stdout).toContain('  Download         delos:file/file_78902?customer=cust_12345\n');
    const entries = jsonLines((await ferry(['accounts', 'browse', 'Office', '--json'], profile.path)).stdout);
    expect(entries).toHaveLength(7);
    const got = await get([String(entries[0]?.ref)], ['--account', 'Office']);
    expect(got.code).toBe(0);
  });

  it('refuses an account without a base URL and a malformed ref, as bad input', async () => {
    await start();
    const noBase = await ferry(
      ['accounts', 'add', 'delos', '--label', 'Office', `login=${fixture.login}`, `password=${fixture.password}`],
      profile.path,
    );
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toContain('Delos accounts need a base URL');
    expect((await ferry(['accounts', 'ls'], profile.path)).stdout).toBe('');
    expect((await ferry(['help', 'accounts'], profile.path)).stdout).toContain(
      'delos: login (optional), password (secret, optional), token (secret, optional), customerId (optional); give login and password, or token; --base-url required',
    );
    const malformed = await ferry(['get', 'delos:file/a b?format=pdf'], profile.path);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('is not a Delos ref: use delos:file/<fileId>[?customer=<customerId>]');
    const noAccount = await get(['delos:file/file_78901']);
    expect(noAccount.code).toBe(1);
    expect(noAccount.stdout).toContain('delos downloads need an account');
  });
});
