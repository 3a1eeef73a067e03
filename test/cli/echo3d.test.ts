import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../shared/redact';
import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import type { FaultServer } from '../support/fault-server';
import { folderText } from '../support/folder-text';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines, startFerry } from './ferry-cli';

const fixture: Echo3dFixture = {
  key: 'echo-api-KEY-7f3a',
  email: 'artist@example.com',
  userKey: 'echo-user-KEY-91bc',
  files: {
    'sid-model': { name: 'castle.fbx', body: Buffer.alloc(40_000, 1) },
    'sid-glb': { name: 'castle.glb', body: Buffer.alloc(30_000, 2) },
    'sid-usdz': { name: 'castle.usdz', body: Buffer.alloc(20_000, 3) },
    'sid-wall': { name: 'wall_diffuse.png', body: Buffer.alloc(5_000, 4) },
    'sid-roof': { name: 'roof_normal.png', body: Buffer.alloc(6_000, 5) },
    'sid-mtl': { name: 'castle.mtl', body: Buffer.alloc(500, 6) },
  },
  conversionMs: 2000,
  entries: {
    'entry-1': {
      original: 'sid-model',
      textures: ['sid-wall', 'sid-roof'],
      material: 'sid-mtl',
      formats: { glb: 'sid-glb' },
      conversions: { usdz: 'sid-usdz' },
    },
  },
};

let echo3d: { server: FaultServer; baseUrl: string };
let profile: TempDir;
let downloads: string;

beforeEach(async () => {
  echo3d = await startFakeEcho3d(fixture);
  profile = await makeTempDir('ferry-echo3d-');
  downloads = join(profile.path, 'dl');
});
afterEach(async () => {
  for (const label of ['Studio', 'Wrong', 'Scenario']) await ferry(['accounts', 'rm', label], profile.path);
  await echo3d.server.close();
  await profile.remove();
});

function addAccount(label: string, key = fixture.key) {
  return ferry(
    [
      'accounts',
      'add',
      'echo3d',
      '--label',
      label,
      '--base-url',
      echo3d.baseUrl,
      `key=${key}`,
      `email=${fixture.email}`,
      `userKey=${fixture.userKey}`,
    ],
    profile.path,
  );
}

describe('echo3D from the CLI', () => {
  it('downloads a file by storage id, named by the server, with no key in any output or file', async () => {
    expect((await addAccount('Studio')).code).toBe(0);
    const result = await ferry(['get', 'echo3d:file/sid-model', '-o', downloads, '--json'], profile.path);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({ event: 'done', path: join(downloads, 'castle.fbx') });
    expect((await readFile(join(downloads, 'castle.fbx'))).equals(fixture.files['sid-model']?.body as Buffer)).toBe(
      true,
    );
    const everything = result.stdout + result.stderr + (await folderText(profile.path));
    expect(everything).not.toContain(fixture.key);
    expect(everything).not.toContain(fixture.userKey);
  });

  it('downloads an entry’s original, and a format it already has, through POST /download and its 302', async () => {
    await addAccount('Studio');
    expect((await ferry(['get', 'echo3d:entry/entry-1', '-o', downloads], profile.path)).code).toBe(0);
    expect((await ferry(['get', 'echo3d:entry/entry-1?format=glb', '-o', downloads], profile.path)).code).toBe(0);
    expect((await readdir(downloads)).sort()).toEqual(['castle.fbx', 'castle.glb']);
    const posted = echo3d.server.requestsFor('/download');
    expect(posted.map((request) => request.method)).toEqual(['POST', 'POST']);
    const cdnHits = echo3d.server.requests.filter((request) => request.path.startsWith('/cdn/'));
    expect(cdnHits.every((request) => request.headers.host?.startsWith('localhost') && request.body === '')).toBe(true);
  });

  it('downloads a whole entry, model, textures and material, into one folder', async () => {
    await addAccount('Studio');
    const result = await ferry(['get', 'echo3d:entry/entry-1?files=all', '-o', downloads, '--json'], profile.path);
    expect(result.code).toBe(0);
    expect((await readdir(join(downloads, 'castle'))).sort()).toEqual([
      'castle.fbx',
      'castle.mtl',
      'roof_normal.png',
      'wall_diffuse.png',
    ]);
    expect(jsonLines(result.stdout).filter((event) => event.event === 'done')).toHaveLength(4);
  });

  it('shows a conversion as waiting, then downloads the converted file', async () => {
    await addAccount('Studio');
    const getting = startFerry(['get', 'echo3d:entry/entry-1?format=usdz&convert=true', '-o', downloads], profile.path);
    let sawWaiting = false;
    while (!sawWaiting && getting.exitCode === null) {
      const listed = jsonLines((await ferry(['ls', '--json'], profile.path)).stdout);
      sawWaiting = listed.some((download) => download.status === 'waiting');
    }
    const result = await getting.result;
    expect(sawWaiting).toBe(true);
    expect(result.code).toBe(0);
    expect(await readdir(downloads)).toEqual(['castle.usdz']);
    expect(new URLSearchParams(echo3d.server.requestsFor('/download')[0]?.body).get('convertMissing')).toBe('true');
  });

  it('tells wrong credentials apart from a missing file', async () => {
    await addAccount('Wrong', 'not-the-key');
    const refused = await ferry(
      ['get', 'echo3d:file/sid-model', '-o', downloads, '--account', 'Wrong', '--json'],
      profile.path,
    );
    expect(refused.code).toBe(1);
    expect(jsonLines(refused.stdout).at(-1)).toMatchObject({
      event: 'failed',
      error: { message: expect.stringContaining('refused the credentials of "Wrong"') },
    });

    await addAccount('Studio');
    const missing = await ferry(
      ['get', 'echo3d:file/no-such-id', '-o', downloads, '--account', 'Studio', '--json'],
      profile.path,
    );
    expect(missing.code).toBe(1);
    expect(jsonLines(missing.stdout).at(-1)).toMatchObject({
      event: 'failed',
      error: { message: expect.stringContaining('no such file or entry') },
    });
    expect(missing.stdout + refused.stdout).not.toContain('not-the-key');
  });

  it('tests an account against the API, telling good credentials from bad', async () => {
    await addAccount('Studio');
    await addAccount('Wrong', 'not-the-key');
    const good = await ferry(['accounts', 'test', 'Studio'], profile.path);
    expect(good).toMatchObject({
      code: 0,
      stdout: 'Signed in to echo3D as artist@example.com: 1 entry in the collection.\n',
    });
    const bad = await ferry(['accounts', 'test', 'Wrong'], profile.path);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('refused the credentials of "Wrong"');
    expect(bad.stderr).not.toContain('not-the-key');
  });

  it('never shows a key that a failing server echoes, raw, percent-encoded or in base64, nor logs it', async () => {
    const key = 'echo/api+KEY 7f3a~Z';
    const forms = [
      key,
      encodeURIComponent(key),
      new URLSearchParams({ key }).toString().slice(4),
      Buffer.from(key).toString('base64'),
    ];
    echo3d.server.route('/query', {
      status: 500,
      body: Buffer.from(`Internal error for ${forms[0]} | ${forms[1]} | ${forms[2]} | ${forms[3]}`),
    });
    expect((await addAccount('Studio', key)).code).toBe(0);
    const tested = await ferry(['accounts', 'test', 'Studio'], profile.path);
    const got = await ferry(['get', 'echo3d:entry/entry-1?files=all', '-o', downloads, '--verbose'], profile.path);
    expect(tested.code).not.toBe(0);
    expect(got.code).not.toBe(0);
    for (const result of [tested, got]) {
      expect(result.stderr).toContain(
        `echo3D answered HTTP 500 on 4 tries: "Internal error for ${REDACTED} | ${REDACTED} | ${REDACTED} | ${REDACTED}".`,
      );
    }
    const everything = tested.stdout + tested.stderr + got.stdout + got.stderr + (await folderText(profile.path));
    expect(await readdir(join(profile.path, 'logs'))).not.toHaveLength(0);
    for (const form of forms) expect(everything).not.toContain(form);
  }, 20_000); // each call tries the server four times, with backoff

  it('browses the collection, listing the refs that download each entry, then gets one of them', async () => {
    await addAccount('Studio');
    const listed = await ferry(['accounts', 'browse', 'Studio'], profile.path);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe(
      [
        'castle.fbx  FBX · 2 textures',
        '  Original (FBX)   echo3d:entry/entry-1',
        '  GLB              echo3d:entry/entry-1?format=glb',
        '  With textures    echo3d:entry/entry-1?files=all',
        '',
      ].join('\n'),
    );
    const [entry] = jsonLines((await ferry(['accounts', 'browse', 'Studio', '--json'], profile.path)).stdout);
    expect(entry).toMatchObject({ name: 'castle.fbx', formats: ['fbx', 'glb'] });
    const got = await ferry(
      ['get', 'echo3d:entry/entry-1?format=glb', '--account', 'Studio', '-o', downloads],
      profile.path,
    );
    expect(got.code).toBe(0);
    expect(await readFile(join(downloads, 'castle.glb'))).toEqual(fixture.files['sid-glb']?.body);
    expect(listed.stdout + got.stdout).not.toContain(fixture.key);
  });

  it('signs with the secret key when the collection requires one', async () => {
    const locked = await startFakeEcho3d({ ...fixture, secKey: 'echo-sec-KEY-404' });
    try {
      const base = [
        'accounts',
        'add',
        'echo3d',
        '--base-url',
        locked.baseUrl,
        `key=${fixture.key}`,
        `email=${fixture.email}`,
        `userKey=${fixture.userKey}`,
      ];
      await ferry([...base, '--label', 'Wrong'], profile.path);
      await ferry([...base, '--label', 'Studio', 'secKey=echo-sec-KEY-404'], profile.path);
      const without = await ferry(['get', 'echo3d:file/sid-mtl', '-o', downloads, '--account', 'Wrong'], profile.path);
      expect(without.code).toBe(1);
      expect(without.stdout).toContain('refused the credentials');
      expect(
        (await ferry(['get', 'echo3d:file/sid-mtl', '-o', downloads, '--account', 'Studio'], profile.path)).code,
      ).toBe(0);
      expect(await readdir(downloads)).toEqual(['castle.mtl']);
    } finally {
      await locked.server.close();
    }
  });

  it('explains that echo3D downloads need an account, and refuses malformed refs', async () => {
    const noAccount = await ferry(['get', 'echo3d:file/sid-model', '-o', downloads, '--json'], profile.path);
    expect(noAccount.code).toBe(1);
    expect(noAccount.stdout).toContain('echo3d downloads need an account');
    const malformed = await ferry(['get', 'echo3d:file/sid?format=glb'], profile.path);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('"format" is not a parameter of echo3d:file refs: they take only name=');
  });

  it('refuses, as the window does, to sign a ref with an account of another platform, adding nothing', async () => {
    const scenario = await ferry(
      ['accounts', 'add', 'scenario', '--label', 'Scenario', 'apiKey=api-1', 'apiSecret=secret-1'],
      profile.path,
    );
    expect(scenario.code).toBe(0);
    const misfit = await ferry(['add', 'echo3d:file/sid-model', '--account', 'Scenario'], profile.path);
    expect(misfit.code).toBe(2);
    expect(misfit.stderr).toContain('"Scenario" is a scenario account, so it cannot sign "echo3d:file/sid-model"');
    expect((await ferry(['ls', '--json'], profile.path)).stdout).toBe('');
  });
});
