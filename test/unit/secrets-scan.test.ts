import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRouter, type Router } from '../../electron/ipc/router';
import { createLogger, type FerryLogger } from '../../electron/logs/ferry-logger';
import { APP_LOG_FILE, logDirectory } from '../../electron/logs/log-folder';
import { createServices, type Services } from '../../electron/services';
import type { Account } from '../../shared/accounts';
import type { Download } from '../../shared/downloads';
import type { CallChannel } from '../../shared/ipc/channels';
import { ferry } from '../cli/ferry-cli';
import { FakeCidStore } from '../support/fake-cid-store';
import { type FakeDelos, startFakeDelos } from '../support/fake-delos';
import { startFakeEcho3d } from '../support/fake-echo3d';
import { type FakeScenario, startFakeScenario } from '../support/fake-scenario';
import type { FaultServer } from '../support/fault-server';
import { recordingDesktop } from '../support/recording-desktop';
import { filesBelow, type Secret, secretsIn, secretsInFiles } from '../support/secret-scan';
import { makeTempDir, type TempDir } from '../support/temp-dir';

/** A value that appears nowhere unless Ferry wrote it: random, so no fixture or message can hold it by chance. */
const marker = (name: string) => `${name}-${randomBytes(9).toString('hex')}`;

const keys = {
  echoKey: marker('echo-KEY'),
  echoUserKey: marker('echo-USERKEY'),
  echoSecKey: marker('echo-SECKEY'),
  echoWrongKey: marker('echo-WRONGKEY'),
  scenarioSecret: marker('scn-SECRET'),
  scenarioWrongSecret: marker('scn-WRONGSECRET'),
  delosPassword: marker('delos-PASSWORD'),
  delosWrongPassword: marker('delos-WRONGPASSWORD'),
  cidPassword: marker('cid-PASSWORD'),
  cidStaticToken: marker('cid-STATICTOKEN'),
  cidWrongPassword: marker('cid-WRONGPASSWORD'),
};
/** Scenario's API key names the key, as a login does, and shows in Accounts: only the pair with the secret is secret. */
const scenarioKey = marker('scn-APIKEY');
const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

let profile: TempDir;
let services: Services;
let router: Router;
let logger: FerryLogger;
const terminal: string[] = [];
/** Everything that crossed the IPC boundary: each call's request and answer, each event. */
const wire: unknown[] = [];
let echo3d: { server: FaultServer; baseUrl: string };
let scenario: FakeScenario;
let delos: FakeDelos;
let store: FakeCidStore;
let profileWhileOpen: Map<string, string>;
/** "provider status" of every download, as the workload left them. */
let outcomes: string[];

async function call(channel: CallChannel, payload?: unknown): Promise<unknown> {
  const answer = await router.invoke(channel, payload);
  wire.push({ channel, answer });
  return answer;
}

async function account(provider: string, label: string, fields: Record<string, string>, baseUrl?: string) {
  const answer = (await call('accounts:create', { provider, label, fields, ...(baseUrl ? { baseUrl } : {}) })) as {
    ok: boolean;
    value: Account;
    error?: { message: string };
  };
  if (!answer.ok) throw new Error(answer.error?.message);
  return answer.value.id;
}

async function add(refs: string[], accountId: string): Promise<void> {
  const answer = (await call('downloads:add', { refs, accountId })) as { ok: boolean; error?: { message: string } };
  if (!answer.ok) throw new Error(answer.error?.message);
}

async function settled(count: number): Promise<Download[]> {
  await vi.waitFor(
    () => {
      const statuses = services.downloads.list().map((download) => `${download.ref} ${download.status}`);
      if (statuses.filter((status) => / (done|failed)$/.test(status)).length !== count) {
        throw new Error(`waiting for ${count} downloads to end: ${statuses.join(', ')}`);
      }
    },
    { timeout: 45_000, interval: 100 },
  );
  return services.downloads.list();
}

/** Every token the fake servers handed out or took, so none of those may be kept either. */
function issuedTokens(): Secret[] {
  const cidTokens = store.requests.flatMap((request) => /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1] ?? []);
  return [
    ...delos.issued.map((value, index) => ({ name: `Delos token ${index}`, value })),
    ...scenario.signatures.map((value, index) => ({ name: `Scenario signature ${index}`, value })),
    ...[...new Set(cidTokens)].map((value, index) => ({ name: `CID store token ${index}`, value })),
  ];
}

function allSecrets(): Secret[] {
  return [
    ...Object.entries(keys).map(([name, value]) => ({ name, value })),
    { name: 'Scenario Basic auth', value: `${scenarioKey}:${keys.scenarioSecret}` },
    ...issuedTokens(),
  ];
}

beforeAll(async () => {
  profile = await makeTempDir('ferry-secrets-');
  echo3d = await startFakeEcho3d({
    key: keys.echoKey,
    email: 'studio@example.com',
    userKey: keys.echoUserKey,
    secKey: keys.echoSecKey,
    files: { 'sid-tree': { name: 'tree.glb', body: Buffer.alloc(50_000, 1) } },
    entries: { 'entry-tree': { original: 'sid-tree', formats: {}, conversions: {} } },
  });
  scenario = await startFakeScenario({
    apiKey: scenarioKey,
    apiSecret: keys.scenarioSecret,
    assets: [{ id: 'a1', name: 'castle.png', mimeType: 'image/png', body: Buffer.alloc(300_000, 7) }],
    expireFirstLinkAfter: 100_000,
  });
  delos = await startFakeDelos({
    login: 'clerk@example.com',
    password: keys.delosPassword,
    files: {
      file_a: { body: Buffer.alloc(20_000, 3), contentType: 'application/pdf', name: 'a.pdf' },
      file_b: { body: Buffer.alloc(20_000, 4), contentType: 'application/pdf', name: 'b.pdf' },
      file_private: { body: Buffer.alloc(10, 5), contentType: 'image/jpeg', customerId: 'cust_1' },
    },
  });
  store = await FakeCidStore.start('artist@example.com', keys.cidPassword, keys.cidStaticToken);
  store.reply(CID, { kind: 'raw', body: Buffer.from('walls first, then the roof'), name: 'notes.txt' });
  logger = createLogger({
    directory: logDirectory(profile.path),
    fileName: APP_LOG_FILE,
    fileLevel: 'debug',
    terminalLevel: 'debug',
    terminal: (line) => terminal.push(line),
  });
  services = await createServices({
    desktop: recordingDesktop(),
    logger,
    profileDir: profile.path,
    downloadsDir: join(profile.path, 'dl'),
    version: '1',
  });
  router = createRouter(services);
  router.onEvent((event) => wire.push(event));
  await runWorkload();
  profileWhileOpen = await filesBelow(profile.path);
  outcomes = services.downloads.list().map((download) => `${download.provider} ${download.status}`);
  await services.dispose();
  await logger.close();
}, 120_000);

const labels = [
  'Studio',
  'Studio wrong',
  'Scenario',
  'Scenario wrong',
  'Office',
  'Office wrong',
  'Store',
  'Store static',
];

afterAll(async () => {
  // The keychain outlives the profile: its entries go with the accounts.
  for (const label of [...labels, 'Store wrong']) await ferry(['accounts', 'rm', label], profile.path);
  await Promise.all([echo3d.server.close(), scenario.server.close(), delos.server.close(), store.close()]);
  await profile.remove();
});

async function runWorkload(): Promise<void> {
  services.downloads.start();
  const echo = { email: 'studio@example.com', userKey: keys.echoUserKey, secKey: keys.echoSecKey };
  const studio = await account('echo3d', 'Studio', { key: keys.echoKey, ...echo }, echo3d.baseUrl);
  const studioWrong = await account('echo3d', 'Studio wrong', { key: keys.echoWrongKey, ...echo }, echo3d.baseUrl);
  const apiKey = { apiKey: scenarioKey };
  const scn = await account('scenario', 'Scenario', { ...apiKey, apiSecret: keys.scenarioSecret }, scenario.baseUrl);
  const scnWrong = await account(
    'scenario',
    'Scenario wrong',
    { ...apiKey, apiSecret: keys.scenarioWrongSecret },
    scenario.baseUrl,
  );
  const login = { login: 'clerk@example.com' };
  const office = await account('delos', 'Office', { ...login, password: keys.delosPassword }, delos.baseUrl);
  const officeWrong = await account(
    'delos',
    'Office wrong',
    { ...login, password: keys.delosWrongPassword },
    delos.baseUrl,
  );
  const cidLogin = { authUrl: store.authUrl, login: 'artist@example.com' };
  const cid = await account('cid', 'Store', { ...cidLogin, password: keys.cidPassword });
  const cidStatic = await account('cid', 'Store static', { endpoint: store.endpoint, token: keys.cidStaticToken });
  const cidWrong = await account('cid', 'Store wrong', { ...cidLogin, password: keys.cidWrongPassword });

  // Successes, failures (a 404 on a link that carries the key in its query, refused keys, passwords, a 403), renewals.
  await add(['echo3d:file/sid-tree', 'echo3d:file/sid-missing'], studio);
  await add(['echo3d:file/sid-tree'], studioWrong);
  await add(['scenario:asset/a1'], scn);
  await add(['scenario:asset/a1'], scnWrong);
  await add(['delos:file/file_a', 'delos:file/file_private'], office);
  await add(['delos:file/file_a'], officeWrong);
  await add([`cid:${CID}`], cid);
  await add([`cid:${CID}`], cidStatic);
  await add([`cid:${CID}`], cidWrong);
  await settled(11);
  // Access tokens run out: the next downloads must renew them (a Delos refresh, a CID store sign-in).
  delos.expireAccessTokens();
  store.expireSessions();
  await add(['delos:file/file_b'], office);
  await add([`cid:${CID}?filename=again.txt`], cid);
  const all = await settled(13);
  for (const id of [studio, studioWrong, scn, scnWrong, office, officeWrong, cid, cidStatic, cidWrong]) {
    await call('accounts:test', { id });
    await call('accounts:browse', { id });
  }
  for (const download of all) await call('downloads:history', { id: download.id });
  for (const channel of ['downloads:list', 'accounts:list', 'settings:get', 'queues:list'] as const)
    await call(channel);
  await call('history:search', { query: '' });
  await call('downloads:preview', { refs: ['echo3d:file/sid-tree', `cid:${CID}`, 'scenario:asset/a1'] });
}

describe('secrets after a workload on every platform', () => {
  it('finds a planted secret, raw or encoded, so the scans below can fail', async () => {
    const planted = [{ name: 'planted', value: marker('planted') }];
    const control = await makeTempDir('ferry-secrets-control-');
    try {
      const value = planted[0]?.value ?? '';
      await writeFile(join(control.path, 'raw.db'), Buffer.concat([randomBytes(64), Buffer.from(value)]));
      await writeFile(join(control.path, 'b64.log'), Buffer.from(value).toString('base64'));
      await writeFile(join(control.path, 'url.json'), `{"link":"https://x/?k=${encodeURIComponent(`${value}&`)}"}`);
      const found = secretsInFiles(await filesBelow(control.path), planted);
      expect(new Set(found.map((line) => line.split(':')[0]))).toEqual(
        new Set(['raw.db', 'b64.log', 'url.json'].map((name) => join(control.path, name))),
      );
    } finally {
      await control.remove();
    }
  });

  it('did what it claims: downloads finished and failed, and tokens were renewed', () => {
    for (const provider of ['echo3d', 'scenario', 'delos', 'cid']) {
      expect(outcomes, provider).toContain(`${provider} done`);
      expect(outcomes, provider).toContain(`${provider} failed`);
    }
    expect(delos.refreshedWith.length).toBeGreaterThan(0);
    expect(scenario.signatures.length).toBeGreaterThanOrEqual(2);
    expect(store.requests.filter((request) => request.url === '/auth').length).toBeGreaterThanOrEqual(3);
    expect(issuedTokens().length).toBeGreaterThanOrEqual(6);
  });

  it('keeps none in the database, its WAL, the settings or the logs while Ferry runs', () => {
    expect([...profileWhileOpen.keys()].some((path) => path.endsWith('ferry.db-wal'))).toBe(true);
    expect([...profileWhileOpen.keys()].some((path) => path.endsWith(APP_LOG_FILE))).toBe(true);
    expect(secretsInFiles(profileWhileOpen, allSecrets())).toEqual([]);
  });

  it('keeps none in the profile once closed, nor in what the CLI prints and logs over the same profile', async () => {
    const outputs = await Promise.all([
      ferry(['ls', '--json'], profile.path),
      ferry(['accounts', 'ls', '--json'], profile.path),
      ferry(['accounts', 'test', 'Office wrong'], profile.path),
      ferry(['retry', 'all', '--verbose'], profile.path),
    ]);
    expect(outputs[0]?.stdout).toContain('tree.glb');
    expect(secretsIn(JSON.stringify(outputs), allSecrets())).toEqual([]);
    const files = await filesBelow(profile.path);
    expect([...files.keys()].some((path) => path.endsWith('cli.log'))).toBe(true);
    expect(secretsInFiles(files, allSecrets())).toEqual([]);
  });

  it('sends none over IPC: no answer, error message, history event or pushed event holds one', () => {
    const text = JSON.stringify(wire);
    expect(text).toContain('"downloads:history"');
    expect(text).toContain('failed');
    expect(secretsIn(text, allSecrets())).toEqual([]);
  });

  it('writes none to the terminal lines of the logger', () => {
    expect(terminal.length).toBeGreaterThan(0);
    expect(secretsIn(terminal.join('\n'), allSecrets())).toEqual([]);
  });
});
