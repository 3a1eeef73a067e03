import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UnpackLimits } from '../../electron/archives/unpack-limits';
import { Engine } from '../../electron/engine/engine';
import { EngineError } from '../../electron/engine/engine-error';
import type { RetryPolicy } from '../../electron/engine/retry-policy';
import type { FinishingFile } from '../../electron/engine/transfer-types';
import { accountKey, accountThrottle } from '../../electron/providers/account-throttle';
import { createCidProvider } from '../../electron/providers/cid/cid-provider';
import type { FetchedContent, ProviderAccount } from '../../electron/providers/provider';
import { FerryError } from '../../shared/errors';
import { FakeCidStore } from '../support/fake-cid-store';
import { FakeIpfsGateway } from '../support/fake-ipfs-gateway';
import { IpfsContent } from '../support/ipfs-content';
import { until } from '../support/scheduler-harness';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const data = randomBytes(1_200_000);
/** Three tries a gateway, a few milliseconds apart: what the retries do, not how long they wait. */
const quick: RetryPolicy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 5_000 };

let content: IpfsContent;
let engine: Engine;
let folder: TempDir;
const servers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  content = await IpfsContent.build([{ path: 'data.bin', content: data }]);
});
beforeEach(async () => {
  engine = new Engine();
  folder = await makeTempDir('ferry-cid-fetch-');
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await engine.close();
  await folder.remove();
});

async function gateway(): Promise<FakeIpfsGateway> {
  const started = await FakeIpfsGateway.start();
  started.serve(content);
  servers.push(started);
  return started;
}

/** Resolves the ref as the scheduler does, then runs the provider's own fetch into the test's folder. */
async function fetchCid(
  ref: string,
  account: ProviderAccount | null,
  gateways: string[] = [],
  checked: () => void = () => undefined,
  unpackLimits?: UnpackLimits,
  finishing: (file: FinishingFile) => Promise<void> = async () => undefined,
): Promise<FetchedContent> {
  const provider = createCidProvider({
    gateways: () => ({ urls: gateways, forced: gateways.length > 0 }),
    retry: quick,
    unpackLimits: unpackLimits && (() => unpackLimits),
  });
  const signal = new AbortController().signal;
  const resolution = await provider.resolve(ref, { account, signal, waiting: () => undefined });
  if (!('fetch' in resolution)) throw new Error(`${ref} resolved to a spec, not a fetch`);
  return resolution.fetch({
    directory: folder.path,
    staging: join(folder.path, '.ferry-fetch-1'),
    signal,
    dispatcher: engine.dispatcher,
    progress: () => undefined,
    checksAgainstCid: checked,
    throttle: async () => undefined,
    finishing,
  });
}

async function failure(work: Promise<unknown>): Promise<Error> {
  return work.then(
    () => new Error('fetched'),
    (caught: unknown) => caught as Error,
  );
}

describe('a fetched file about to take its name', () => {
  it('is recorded with its path, size and sha256 before it is there, so a lost done mark can be recovered', async () => {
    const only = await gateway();
    const recorded: { file: FinishingFile; there: boolean }[] = [];
    const record = async (file: FinishingFile) => {
      recorded.push({ file, there: existsSync(file.path) });
    };
    const fetched = await fetchCid(content.root.toString(), null, [only.url], undefined, undefined, record);
    const sha256 = createHash('sha256').update(data).digest('hex');
    expect(recorded).toEqual([{ file: { path: fetched.path, size: data.length, sha256 }, there: false }]);
  });
});

describe('a CAR from the gateways that ends early', () => {
  it('is fetched again from the same gateway, as a dropped connection is', async () => {
    const only = await gateway();
    only.fault(content.root.toString(), { cutInBlock: 2, times: 1 });
    const fetched = await fetchCid(content.root.toString(), null, [only.url]);
    expect((await readFile(fetched.path)).equals(data)).toBe(true);
    expect(only.requests).toHaveLength(2);
  });

  it('moves on to the next gateway only once the retries are used up', async () => {
    const [cutting, honest] = [await gateway(), await gateway()];
    cutting.fault(content.root.toString(), { cutInBlock: 1 });
    const fetched = await fetchCid(content.root.toString(), null, [cutting.url, honest.url]);
    expect((await readFile(fetched.path)).equals(data)).toBe(true);
    expect([cutting.requests.length, honest.requests.length]).toEqual([quick.maxAttempts, 1]);
  });

  it('fails saying the answers were cut off when every gateway cuts them', async () => {
    const [one, two] = [await gateway(), await gateway()];
    for (const cutting of [one, two]) cutting.fault(content.root.toString(), { cutInBlock: 3 });
    const error = await failure(fetchCid(content.root.toString(), null, [one.url, two.url]));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'network' });
    expect(error.message).toMatch(/from any IPFS gateway\. .*ended its answer in the middle of a block/);
    expect(error.message).toContain(`gave up after ${quick.maxAttempts} attempts`);
  });

  it('is told apart from an answer that is no CAR, which is left for the next gateway at once', async () => {
    const [pages, honest] = [await gateway(), await gateway()];
    pages.fault(content.root.toString(), { html: true });
    await fetchCid(content.root.toString(), null, [pages.url, honest.url]);
    expect([pages.requests.length, honest.requests.length]).toEqual([1, 1]);
  });
});

describe('what the row says while a CID arrives', () => {
  it('says the blocks are checked against the CID when they come from a gateway', async () => {
    const only = await gateway();
    let checked = 0;
    await fetchCid(content.root.toString(), null, [only.url], () => {
      checked += 1;
    });
    expect(checked).toBe(1);
  });

  it('says nothing of the kind for the CID store, which is trusted rather than checked', async () => {
    const store = await FakeCidStore.start('artist', 'pw-SECRET-1', 'static-TOKEN-1');
    servers.push(store);
    store.reply(content.root.toString(), { kind: 'raw', body: data, name: 'data.bin' });
    let checked = 0;
    const account: ProviderAccount = {
      label: 'Store',
      baseUrl: null,
      credentials: { endpoint: store.endpoint, token: 'static-TOKEN-1' },
      session: { get: () => null, set: () => undefined },
    };
    await fetchCid(content.root.toString(), account, [], () => {
      checked += 1;
    });
    expect(checked).toBe(0);
  });
});

describe('the CID store', () => {
  let store: FakeCidStore;
  beforeEach(async () => {
    store = await FakeCidStore.start('artist', 'pw-SECRET-1', 'static-TOKEN-1');
    servers.push(store);
    store.reply(content.root.toString(), { kind: 'raw', body: data, name: 'data.bin' });
  });

  function storeAccount(label: string, credentials: Record<string, string>): ProviderAccount {
    const kept = new Map<string, string>();
    return {
      label,
      baseUrl: null,
      credentials,
      session: {
        get: (name) => kept.get(name) ?? null,
        set: (name, value) => (value === null ? kept.delete(name) : kept.set(name, value)),
      },
    };
  }
  const withLogin = (label: string) =>
    storeAccount(label, { authUrl: store.authUrl, login: 'artist', password: 'pw-SECRET-1' });

  it('unpacks its TAR answer within the unpack limits the settings give, and says which one stopped it', async () => {
    const entries = ['photos/a.png', 'photos/b.png', 'photos/c.png'].map((path) => ({ path, body: Buffer.from(path) }));
    store.reply(content.root.toString(), { kind: 'tar', entries });
    const account = storeAccount('Store', { endpoint: store.endpoint, token: 'static-TOKEN-1' });
    const limits = { maxRatio: 200, maxBytes: 1024 ** 3, maxEntries: 2 };
    const error = await failure(fetchCid(content.root.toString(), account, [], undefined, limits));
    expect(error.message).toContain(
      `Unpacking stopped: the CID store's TAR of ${content.root} holds more than 2 entries (the limit in Settings › Unpacking › Most entries in an archive, unpackMaxEntries in settings.json). Nothing was kept`,
    );
    expect(store.gets()).toHaveLength(1);
    const fetched = await fetchCid(content.root.toString(), account, [], undefined, { ...limits, maxEntries: 10 });
    expect(await readFile(join(fetched.path, 'a.png'), 'utf8')).toBe('photos/a.png');
  });

  it('records a file unpacked from its TAR with its hash before it takes its name, as a raw answer is', async () => {
    store.reply(content.root.toString(), { kind: 'tar', entries: [{ path: 'data.bin', body: data }] });
    const recorded: FinishingFile[] = [];
    const account = storeAccount('Store', { endpoint: store.endpoint, token: 'static-TOKEN-1' });
    const fetched = await fetchCid(content.root.toString(), account, [], undefined, undefined, async (file) => {
      recorded.push(file);
    });
    const sha256 = createHash('sha256').update(data).digest('hex');
    expect(recorded).toEqual([{ path: fetched.path, size: data.length, sha256 }]);
    expect(fetched.sha256).toBe(sha256);
  });

  it('waits out a 429 on get as Retry-After asks, holding the whole account meanwhile, then finishes', async () => {
    store.rateLimit('/api/v1/get', 1, 1);
    const account = storeAccount('Limited', { endpoint: store.endpoint, token: 'static-TOKEN-1' });
    const fetching = fetchCid(content.root.toString(), account);
    await until(() => accountThrottle.heldUntil(accountKey('cid', account)) !== null);
    const fetched = await fetching;
    expect((await readFile(fetched.path)).equals(data)).toBe(true);
    const [limited, served] = store.gets();
    expect((served?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('records a token refused even after signing in again as the account refused, naming it', async () => {
    store.refuseTokens = true;
    const error = await failure(fetchCid(content.root.toString(), withLogin('Studio')));
    expect(error).toBeInstanceOf(FerryError);
    expect(error).toMatchObject({ code: 'provider', provider: 'cid' });
    expect(error.message).toContain('The CID store refused the credentials of "Studio" (HTTP 401)');
    expect(store.requests.filter((request) => request.url === '/auth')).toHaveLength(2);
  });

  it('records a sign-in refused or failing mid-download as the account refused, not as the content', async () => {
    const changed = withLogin('Changed');
    const failing = withLogin('Failing');
    for (const account of [changed, failing]) await fetchCid(content.root.toString(), account);
    store.expireSessions();
    changed.credentials.password = 'changed-PASSWORD';
    const refused = await failure(fetchCid(content.root.toString(), changed));
    expect(refused).toMatchObject({ code: 'provider', provider: 'cid' });
    expect(refused.message).toContain('The CID store refused the credentials of "Changed" (HTTP 401)');
    store.rateLimit('/auth', 1, 3600);
    const unavailable = await failure(fetchCid(content.root.toString(), failing));
    expect(unavailable).toBeInstanceOf(FerryError);
    expect(unavailable).toMatchObject({ code: 'provider', provider: 'cid' });
    expect(unavailable.message).toContain('The CID store sign-in is limiting how often this account may call it');
  });
});
