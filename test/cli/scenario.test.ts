import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeScenario, type ScenarioFixture, startFakeScenario } from '../support/fake-scenario';
import { folderText } from '../support/folder-text';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines, startFerry } from './ferry-cli';

const castle = Buffer.alloc(300_000, 7);
const fixture: ScenarioFixture = {
  apiKey: 'scn-api-key-4d2',
  apiSecret: 'scn-SECRET-9f81c',
  assets: [
    { id: 'a1', name: 'castle.png', mimeType: 'image/png', body: castle, prompt: 'castle', seed: 11 },
    { id: 'a2', name: 'tower.glb', mimeType: 'model/gltf-binary', body: Buffer.from('glTF tower'), kind: '3d' },
    { id: 'a3', name: 'gate.png', mimeType: 'image/png', body: Buffer.from('gate'), prompt: 'gate', seed: 12 },
    { id: 'a4', name: 'moat.png', mimeType: 'image/png', body: Buffer.from('moat'), naming: 'path' },
    { id: 'a5', name: 'keep.png', mimeType: 'image/png', body: Buffer.from('keep'), naming: 'opaque' },
    {
      id: 'a6',
      name: 'wall.png',
      mimeType: 'image/png',
      body: Buffer.from('wall'),
      prompt: 'wall',
      seed: 3,
      inferenceId: 'inf-1',
      modelId: 'model-1',
    },
    {
      id: 'a7',
      name: 'roof.png',
      mimeType: 'image/png',
      body: Buffer.from('roof'),
      prompt: 'roof',
      seed: 4,
      modelId: 'model-1',
    },
  ],
  maxPageSize: 3,
};

/** Each test runs the CLI several times: on a busy machine that takes well over the default five seconds. */
const slowTests = { timeout: 30_000 };

let scenario: FakeScenario;
let profile: TempDir;
let downloads: string;

beforeEach(async () => {
  profile = await makeTempDir('ferry-scenario-');
  downloads = join(profile.path, 'dl');
});
afterEach(async () => {
  for (const label of ['Studio', 'Wrong']) await ferry(['accounts', 'rm', label], profile.path);
  await scenario.server.close();
  await profile.remove();
});

async function start(changes: Partial<ScenarioFixture> = {}): Promise<void> {
  scenario = await startFakeScenario({ ...fixture, ...changes });
}

function addAccount(label = 'Studio', secret = fixture.apiSecret) {
  return ferry(
    [
      'accounts',
      'add',
      'scenario',
      '--label',
      label,
      '--base-url',
      scenario.baseUrl,
      `apiKey=${fixture.apiKey}`,
      `apiSecret=${secret}`,
    ],
    profile.path,
  );
}

function get(...refs: string[]) {
  return ferry(['get', ...refs, '-o', downloads, '--json'], profile.path);
}

/** Nothing secret anywhere: not the API secret, nor a signed link's signature, in the output or the profile. */
async function expectNoSecrets(...outputs: string[]): Promise<void> {
  const everything = outputs.join('\n') + (await folderText(profile.path));
  expect(everything).not.toContain(fixture.apiSecret);
  expect(everything).not.toContain(Buffer.from(`${fixture.apiKey}:${fixture.apiSecret}`).toString('base64'));
  for (const signature of scenario.signatures) expect(everything).not.toContain(signature);
}

describe('Scenario assets from the CLI', slowTests, () => {
  it('downloads an asset through its signed link, named by the server, with no secret anywhere', async () => {
    await start();
    expect((await addAccount()).code).toBe(0);
    const result = await get('scenario:asset/a1');
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({ event: 'done', path: join(downloads, 'castle.png') });
    expect((await readFile(join(downloads, 'castle.png'))).equals(castle)).toBe(true);
    const [post] = scenario.server.requestsFor('/v1/assets/a1/download');
    expect(post?.body).toBe('{}');
    const link = scenario.server.requestsFor('/files/a1/castle.png');
    expect(link.map((request) => request.headers.authorization)).toEqual([undefined]);
    await expectNoSecrets(result.stdout, result.stderr);
  });

  it('names a converted asset from the link’s path, else <assetId>.<format>', async () => {
    await start();
    await addAccount();
    const result = await get(
      'scenario:asset/a2?format=obj',
      'scenario:asset/a4?format=webp',
      'scenario:asset/a5?format=tiff',
    );
    expect(result.code).toBe(0);
    expect((await readdir(downloads)).sort()).toEqual(['a5.tiff', 'moat.webp', 'tower.obj']);
    expect(await readFile(join(downloads, 'tower.obj'), 'utf8')).toBe('obj:glTF tower');
    expect(JSON.parse(scenario.server.requestsFor('/v1/assets/a2/download')[0]?.body ?? '')).toEqual({
      targetFormat: 'obj',
    });
  });

  it('asks for a fresh link when the signed one expires mid-body, and resumes with Range', async () => {
    await start({ expireFirstLinkAfter: 100_000 });
    await addAccount();
    const result = await ferry(['get', 'scenario:asset/a1', '-o', downloads, '--connections', '1'], profile.path);
    expect(result.code).toBe(0);
    expect((await readFile(join(downloads, 'castle.png'))).equals(castle)).toBe(true);
    expect(scenario.server.requestsFor('/v1/assets/a1/download')).toHaveLength(2);
    const [expired, fresh] = scenario.signatures;
    const transfers = scenario.server.requestsFor('/files/a1/castle.png');
    const signed = (signature: string | undefined) =>
      transfers.filter((request) => request.url.includes(`X-Amz-Signature=${signature}`));
    expect(signed(expired)[0]?.headers.range).toBe('bytes=0-');
    const resumed = signed(fresh).map((request) => Number(/^bytes=(\d+)-/.exec(request.headers.range ?? '')?.[1]));
    expect(resumed.length).toBeGreaterThan(0);
    for (const start of resumed) expect(start).toBeGreaterThan(0);
    await expectNoSecrets(result.stdout, result.stderr);
  });

  it('refuses a format Scenario does not document before any request (exit 2)', async () => {
    await start();
    await addAccount();
    const result = await get('scenario:asset/a1?format=tga');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"tga" is not a format Scenario converts to: use one of gif, heif, jpeg');
    expect(scenario.server.requests).toHaveLength(0);
    const batch = await get('scenario:batch?assets=a1&template=<date>');
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain('<date> is not a placeholder Scenario knows');
  });

  it('tells refused credentials, a missing asset and a missing account apart (exit 1)', async () => {
    await start();
    const noAccount = await get('scenario:asset/a1');
    expect(noAccount.code).toBe(1);
    expect(noAccount.stdout).toContain('scenario downloads need an account');

    await addAccount('Wrong', 'not-the-secret');
    const refused = await ferry(
      ['get', 'scenario:asset/a1', '-o', downloads, '--json', '--account', 'Wrong'],
      profile.path,
    );
    expect(refused.code).toBe(1);
    expect(jsonLines(refused.stdout).at(-1)).toMatchObject({
      event: 'failed',
      error: {
        code: 'provider',
        message: expect.stringContaining('Scenario refused the credentials of "Wrong" (HTTP 401'),
      },
    });
    await addAccount();
    const missing = await ferry(
      ['get', 'scenario:asset/nope', '-o', downloads, '--json', '--account', 'Studio'],
      profile.path,
    );
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('Scenario has no asset nope (HTTP 404');
    expect(refused.stdout + missing.stdout).not.toContain('not-the-secret');
  });
});

describe('Scenario batches from the CLI', slowTests, () => {
  it('waits for the job, showing its status, then unpacks the ZIP into the destination and removes it', async () => {
    await start({ jobStatuses: ['queued', 'in-progress', 'in-progress', 'success'] });
    await addAccount();
    const getting = startFerry(['get', 'scenario:batch?assets=a1,a3', '-o', downloads, '--json'], profile.path);
    const reasons = new Set<unknown>();
    while (getting.exitCode === null) {
      for (const row of jsonLines((await ferry(['ls', '--json'], profile.path)).stdout)) {
        if (row.status === 'waiting') reasons.add(row.waitingFor);
      }
    }
    const result = await getting.result;
    expect(result.code).toBe(0);
    expect(
      [...reasons].some((reason) => /^Scenario is preparing the ZIP \((queued|in-progress)\)$/.test(String(reason))),
    ).toBe(true);
    expect(await readdir(downloads)).toEqual(['assets']);
    expect((await readdir(join(downloads, 'assets'))).sort()).toEqual(['castle-11-1.png', 'gate-12-2.png']);
    expect((await readFile(join(downloads, 'assets', 'castle-11-1.png'))).equals(castle)).toBe(true);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      event: 'done',
      path: join(downloads, 'job-1.zip'),
      unpackedTo: join(downloads, 'assets'),
    });
    await expectNoSecrets(result.stdout, result.stderr);
  });

  it('sends inferences, models, the template and flat, and keeps only the ZIP with --no-unpack', async () => {
    await start({ jobStatuses: ['success'] });
    await addAccount();
    const ref = 'scenario:batch?inferences=inf-1&models=model-1&template=<generator>_<seed>_<prompt>&flat=true';
    const flat = await get(ref);
    expect(flat.code).toBe(0);
    expect(scenario.jobs.get('job-1')?.body).toEqual({
      options: { fileNameTemplate: '<generator>_<seed>_<prompt>', flat: true },
      query: { assetIds: [], inferenceIds: ['inf-1'], modelIds: ['model-1'] },
    });
    // A flat ZIP's files land in the destination itself, not in a folder named after the ZIP.
    expect((await readdir(downloads)).sort()).toEqual(['model-1_3_wall.png', 'model-1_4_roof.png']);
    expect(jsonLines(flat.stdout).at(-1)).toMatchObject({ event: 'done', unpackedTo: downloads });

    const kept = await ferry(
      ['get', 'scenario:batch?assets=a3', '-o', join(downloads, 'zip'), '--no-unpack'],
      profile.path,
    );
    expect(kept.code).toBe(0);
    expect(await readdir(join(downloads, 'zip'))).toEqual(['job-2.zip']);
  });

  it('unpacks batches even when the settings leave other archives packed', async () => {
    await start({ jobStatuses: ['success'] });
    writeFileSync(join(profile.path, 'settings.json'), JSON.stringify({ unpackArchives: false }));
    await addAccount();
    expect((await get('scenario:batch?assets=a3')).code).toBe(0);
    expect(await readdir(downloads)).toEqual(['assets']);
  });

  it('splits more than 1,000 assets into jobs of 1,000, each unpacked into the same destination', async () => {
    const many = Array.from({ length: 1001 }, (_, index) => ({
      id: `m${index}`,
      name: 'tile.png',
      mimeType: 'image/png',
      body: Buffer.from(`tile ${index}`),
      prompt: 'tile',
      seed: index,
    }));
    await start({ assets: many, jobStatuses: ['success'] });
    await addAccount();
    const result = await get(`scenario:batch?assets=${many.map((asset) => asset.id).join(',')}`);
    expect(result.code).toBe(0);
    const bodies = [...scenario.jobs.values()].map((job) => (job.body as { query: { assetIds: string[] } }).query);
    expect(bodies.map((query) => query.assetIds.length)).toEqual([1000, 1]);
    // Each ZIP holds the same folder: the two merge into one.
    expect(await readdir(downloads)).toEqual(['assets']);
    const files = await readdir(join(downloads, 'assets'));
    expect(files).toHaveLength(1001);
    expect(files).toContain('tile-1000-1.png');
    expect(files.filter((name) => name.includes('('))).toEqual([]);
  });

  it('adds a later batch to the same folders: a file it already holds is kept, a different one numbered', async () => {
    const tile = (id: string, seed: number, body: string) => ({
      id,
      name: 'tile.png',
      mimeType: 'image/png',
      body: Buffer.from(body),
      prompt: 'tile',
      seed,
    });
    await start({
      assets: [tile('t1', 1, 'first'), tile('t2', 2, 'second'), tile('t3', 1, 'other')],
      jobStatuses: ['success'],
    });
    await addAccount();
    expect((await get('scenario:batch?assets=t1,t2')).code).toBe(0);
    const again = await get('scenario:batch?assets=t1');
    expect(again.code).toBe(0);
    expect(jsonLines(again.stdout).at(-1)).toMatchObject({ event: 'done', unpackedTo: join(downloads, 'assets') });
    expect((await get('scenario:batch?assets=t3')).code).toBe(0);
    expect(await readdir(downloads)).toEqual(['assets']);
    expect((await readdir(join(downloads, 'assets'))).sort()).toEqual([
      'tile-1-1 (1).png',
      'tile-1-1.png',
      'tile-2-2.png',
    ]);
    expect(await readFile(join(downloads, 'assets', 'tile-1-1.png'), 'utf8')).toBe('first');
    expect(await readFile(join(downloads, 'assets', 'tile-1-1 (1).png'), 'utf8')).toBe('other');
  });

  it('resumes the same job’s ZIP with Range after the process is killed mid-transfer, asking for no new job', async () => {
    const big = randomBytes(600_000);
    await start({
      assets: [{ id: 'big', name: 'big.png', mimeType: 'image/png', body: big, prompt: 'big', seed: 1 }],
      jobStatuses: ['success'],
      zipBytesPerSecond: 200_000,
    });
    await addAccount();
    await ferry(['add', 'scenario:batch?assets=big', '-o', downloads, '--connections', '1'], profile.path);
    const doomed = startFerry(['run'], profile.path);
    await waitFor(async () => (await readdir(downloads).catch(() => [])).some((name) => name.endsWith('.part')));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    doomed.kill('SIGKILL');
    await doomed.result;

    expect((await ferry(['run'], profile.path)).code).toBe(0);
    expect(scenario.server.requestsFor('/v1/assets/download')).toHaveLength(1);
    const zipRequests = scenario.server.requestsFor('/exports/job-1.zip');
    const resumedFrom = Number(/^bytes=(\d+)-/.exec(zipRequests.at(-1)?.headers.range ?? '')?.[1]);
    expect(resumedFrom).toBeGreaterThan(0);
    expect((await readFile(join(downloads, 'assets', 'big-1-1.png'))).equals(big)).toBe(true);
  });

  it('ends with an error naming the job when Scenario says it failed (exit 1)', async () => {
    await start({ jobStatuses: ['warming-up', 'failure'] });
    await addAccount();
    const result = await get('scenario:batch?assets=a1');
    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      event: 'failed',
      error: {
        code: 'provider',
        message: expect.stringContaining('could not prepare batch job job-1 (status "failure")'),
      },
    });
  });

  it('gives up on a job still working after the batch wait setting (exit 1)', async () => {
    await start({ jobStatuses: ['warming-up', 'rendering'] });
    writeFileSync(join(profile.path, 'settings.json'), JSON.stringify({ scenarioBatchTimeoutMinutes: 0.05 }));
    await addAccount();
    const result = await get('scenario:batch?assets=a1');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('batch job job-1 was still \\"rendering\\" after 3 seconds');
  });

  it('waits as long as Scenario asks when polling answers 429', async () => {
    await start({ jobStatuses: ['success'], rateLimitedPolls: { count: 2, retryAfterSeconds: 1 } });
    await addAccount();
    expect((await get('scenario:batch?assets=a3')).code).toBe(0);
    const polls = scenario.server.requestsFor('/v1/assets/download/job-1');
    expect(polls).toHaveLength(3);
    expect((polls[2]?.at ?? 0) - (polls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });
});

describe('Scenario accounts from the CLI', slowTests, () => {
  it('tests an account: what it found, or a credentials message and exit 1', async () => {
    await start();
    await addAccount();
    await addAccount('Wrong', 'not-the-secret');
    const good = await ferry(['accounts', 'test', 'Studio'], profile.path);
    expect(good).toMatchObject({
      code: 0,
      stdout: 'Signed in to Scenario as "Studio": assets in the library, the first "castle.png" and more.\n',
    });
    expect(new URL(scenario.server.requestsFor('/v1/assets')[0]?.url ?? '', 'http://x').search).toBe('?pageSize=1');
    const bad = await ferry(['accounts', 'test', 'Wrong'], profile.path);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'Scenario refused the credentials of "Wrong" (HTTP 401: Unauthorized). Check its API key',
    );
    expect(bad.stderr + bad.stdout).not.toContain('not-the-secret');
  });

  it('browses the whole library page by page, then gets one of the choices', async () => {
    await start();
    await addAccount();
    const listed = await ferry(['accounts', 'browse', 'Studio'], profile.path);
    expect(listed.code).toBe(0);
    expect(scenario.server.requestsFor('/v1/assets')).toHaveLength(3);
    expect(listed.stdout).toContain(
      [
        'tower.glb  GLB · 1024×1024 · 3d',
        '  Original (GLB)   scenario:asset/a2',
        '  FBX              scenario:asset/a2?format=fbx',
      ].join('\n'),
    );
    const entries = jsonLines((await ferry(['accounts', 'browse', 'Studio', '--json'], profile.path)).stdout);
    expect(entries.map((entry) => entry.ref)).toEqual(fixture.assets.map((asset) => `scenario:asset/${asset.id}`));
    const got = await ferry(
      ['get', 'scenario:asset/a2?format=fbx', '--account', 'Studio', '-o', downloads],
      profile.path,
    );
    expect(got.code).toBe(0);
    expect(await readdir(downloads)).toEqual(['tower.fbx']);
    await expectNoSecrets(listed.stdout, got.stdout);
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; !(await condition()); tries++) {
    if (tries > 300) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
