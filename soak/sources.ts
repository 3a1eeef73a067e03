import { type FakeDelos, startFakeDelos } from '../test/support/fake-delos';
import { startFakeEcho3d } from '../test/support/fake-echo3d';
import { type FakeScenario, startFakeScenario } from '../test/support/fake-scenario';
import { ChaosProxy } from './chaos-proxy';
import { cidAccount, startCidSources } from './cid-sources';
import { contentBuffer, contentKey } from './content';
import { ContentServer } from './content-server';
import { type FaultCounts, FaultPlan, type FaultRates } from './fault-plan';
import { seededRandom } from './random';
import type { PlannedDownload, Source } from './workload';

const echo3dAccount = { key: 'soak-echo-KEY', email: 'soak@example.com', userKey: 'soak-echo-USER' };
const delosAccount = { login: 'soak@example.com', password: 'soak-delos-PASS' };
const scenarioAccount = { apiKey: 'soak-sc-KEY', apiSecret: 'soak-sc-SECRET' };

export interface Sources {
  ref(download: PlannedDownload): string;
  /** `ferry accounts add` arguments, one list per platform account. */
  accounts: string[][];
  proxies: ChaosProxy[];
  content: ContentServer;
  /** The IPFS gateway's address through its proxy, for `ferry run --gateway`. */
  gatewayUrl: string;
  /** CID store TARs and gateway CARs answered cut short (one first answer each, by plan). */
  cutArchives(): number;
  /** Requests Scenario refused because their signed link had expired (every asset's first link runs out mid-body). */
  expiredLinks(): number;
  /** Requests Delos and the CID store refused because the token they carried had been revoked. */
  expiredTokens(): number;
  /** Ends the token revocations once no phase downloads from Delos or the CID store. */
  stopRevokingTokens(): void;
  close(): Promise<void>;
}

/**
 * Every server the soak downloads from, each behind its own chaos proxy: the direct
 * links' generator and the platform fakes, whose files are generated from the same seed.
 */
export async function startSources(
  seed: number,
  plan: PlannedDownload[],
  rates: FaultRates,
  counts: FaultCounts,
): Promise<Sources> {
  const random = seededRandom(seed + 1);
  const bySource = (source: Source) => plan.filter((download) => download.source === source);
  const body = (download: PlannedDownload) => contentBuffer(contentKey(seed, download.id, 0), download.size);
  const content = await ContentServer.start(seed, new Map(bySource('direct').map((d) => [d.id, d])));
  const echo3d = await startFakeEcho3d({
    ...echo3dAccount,
    files: Object.fromEntries(bySource('echo3d').map((d) => [d.id, { name: d.name, body: body(d) }])),
    entries: {},
  });
  const delos: FakeDelos = await startFakeDelos({
    ...delosAccount,
    accessTtl: 3600,
    files: Object.fromEntries(
      bySource('delos').map((d) => [d.id, { body: body(d), contentType: 'application/octet-stream', name: d.name }]),
    ),
  });
  const scenario: FakeScenario = await startFakeScenario({
    ...scenarioAccount,
    assets: bySource('scenario').map((d) => ({ id: d.id, name: d.name, mimeType: 'image/png', body: body(d) })),
    expireFirstLinkAfter: 700,
  });
  const cidSources = await startCidSources(
    plan.filter((d) => d.source === 'cid-store' || d.source === 'ipfs-gateway'),
    body,
    rates.archiveCut,
    random,
  );
  const { store, gateway } = cidSources;
  const proxy = (port: number, onResume?: (path: string) => boolean) =>
    ChaosProxy.start(port, new FaultPlan(random, rates), counts, { onResume });
  const changeOnce = new Set<string>();
  const contentProxy = await proxy(content.port, (path) => {
    const id = path.replace('/f/', '');
    if (changeOnce.has(id) || random() >= rates.etagChange) return false;
    changeOnce.add(id);
    content.changeVersion(id);
    return true;
  });
  const echo3dProxy = await proxy(Number(new URL(echo3d.baseUrl).port));
  const delosProxy = await proxy(Number(new URL(delos.baseUrl).port));
  const scenarioProxy = await proxy(Number(new URL(scenario.baseUrl).port));
  const storeProxy = await proxy(Number(new URL(store.endpoint).port));
  const gatewayProxy = await proxy(Number(new URL(gateway.url).port));
  const base = (proxied: ChaosProxy, path = '') => `http://127.0.0.1:${proxied.port}${path}`;
  const tokenExpiry = setInterval(() => {
    delos.expireAccessTokens();
    store.expireSessions();
  }, 7_000);
  return {
    content,
    proxies: [contentProxy, echo3dProxy, delosProxy, scenarioProxy, storeProxy, gatewayProxy],
    gatewayUrl: base(gatewayProxy),
    ref: (download) =>
      ({
        direct: base(contentProxy, `/f/${download.id}`),
        echo3d: `echo3d:file/${download.id}`,
        delos: `delos:file/${download.id}`,
        scenario: `scenario:asset/${download.id}`,
        'cid-store': cidSources.ref(download),
        'ipfs-gateway': cidSources.ref(download),
      })[download.source],
    accounts: [
      ['echo3d', '--label', 'Echo', '--base-url', base(echo3dProxy), ...fields(echo3dAccount)],
      ['delos', '--label', 'Delos', '--base-url', base(delosProxy), ...fields(delosAccount)],
      ['scenario', '--label', 'Scenario', '--base-url', base(scenarioProxy, '/v1'), ...fields(scenarioAccount)],
      ['cid', '--label', 'Store', `authUrl=${base(storeProxy, '/auth')}`, ...fields(cidAccount)],
    ],
    cutArchives: cidSources.cutArchives,
    expiredLinks: () => scenario.expiredLinkRefusals,
    expiredTokens: () => delos.expiredRefusals() + store.expiredRefusals,
    stopRevokingTokens: () => clearInterval(tokenExpiry),
    async close() {
      clearInterval(tokenExpiry);
      for (const closing of [contentProxy, echo3dProxy, delosProxy, scenarioProxy, storeProxy, gatewayProxy]) {
        await closing.close();
      }
      await Promise.all([
        content.close(),
        echo3d.server.close(),
        delos.server.close(),
        scenario.server.close(),
        cidSources.close(),
      ]);
    },
  };
}

function fields(values: Record<string, string>): string[] {
  return Object.entries(values).map(([name, value]) => `${name}=${value}`);
}
