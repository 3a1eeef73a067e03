import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderAccount, ResolveContext } from '../../electron/providers/provider';
import type { BatchTiming } from '../../electron/providers/scenario/batch-download';
import { createScenarioProvider } from '../../electron/providers/scenario/scenario-provider';
import {
  type FakeScenario,
  type ScenarioAsset,
  type ScenarioFixture,
  startFakeScenario,
} from '../support/fake-scenario';
import { resolveSpec } from '../support/resolve-spec';

const base: ScenarioFixture = {
  apiKey: 'scn-key-1',
  apiSecret: 'scn-SECRET-77',
  assets: [
    { id: 'a1', name: 'castle.png', mimeType: 'image/png', body: Buffer.from('png castle'), prompt: 'castle', seed: 7 },
    { id: 'a2', name: 'tower.glb', mimeType: 'model/gltf-binary', body: Buffer.from('glb tower'), kind: '3d' },
    { id: 'a3', name: 'gate.png', mimeType: 'image/png', body: Buffer.from('png gate'), tags: ['walls'] },
  ],
};

let fake: FakeScenario;
afterEach(async () => {
  await fake?.server.close();
});

function accountFor(server: FakeScenario, credentials: Record<string, string> = {}): ProviderAccount {
  const values = new Map<string, string>();
  return {
    label: 'Studio',
    baseUrl: server.baseUrl,
    credentials: { apiKey: base.apiKey, apiSecret: base.apiSecret, ...credentials },
    session: {
      get: (name) => values.get(name) ?? null,
      set: (name, value) => (value === null ? values.delete(name) : values.set(name, value)),
    },
  };
}

function contextFor(account: ProviderAccount, signal = new AbortController().signal) {
  const reasons: string[] = [];
  const context: ResolveContext = { account, signal, waiting: (reason) => reasons.push(reason) };
  return { context, reasons };
}

const quick = (deadlineMs = 10_000): BatchTiming => ({
  deadlineMs: () => deadlineMs,
  firstDelayMs: 20,
  maxDelayMs: 80,
});

describe('Scenario assets', () => {
  it('asks for a signed link with Basic auth and the account’s project, and names the file after the link', async () => {
    fake = await startFakeScenario(base);
    const provider = createScenarioProvider(quick());
    const { context } = contextFor(accountFor(fake, { projectId: 'proj-9' }));
    const spec = await resolveSpec(provider, 'scenario:asset/a1?format=webp', context);
    const [post] = fake.server.requestsFor('/v1/assets/a1/download');
    expect(post?.headers.authorization).toBe(`Basic ${Buffer.from('scn-key-1:scn-SECRET-77').toString('base64')}`);
    expect(post?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post?.body ?? '')).toEqual({ targetFormat: 'webp' });
    expect(new URL(post?.url ?? '', 'http://x').searchParams.get('projectId')).toBe('proj-9');
    expect(spec).toEqual({
      url: expect.stringMatching(/^http:\/\/localhost:\d+\/files\/a1\/castle\.webp\?/),
      suggestedName: 'castle.webp',
    });
    expect(spec.headers).toBeUndefined();
  });

  it('says it waits for the conversion to the format asked for, and nothing for the asset as it is', async () => {
    fake = await startFakeScenario(base);
    const provider = createScenarioProvider(quick());
    const converted = contextFor(accountFor(fake));
    await resolveSpec(provider, 'scenario:asset/a1?format=webp', converted.context);
    expect(converted.reasons).toEqual(['converting to WEBP']);
    const plain = contextFor(accountFor(fake));
    await resolveSpec(provider, 'scenario:asset/a1', plain.context);
    expect(plain.reasons).toEqual([]);
  });

  it('falls back to <assetId>.<format> when the link’s path names no file', async () => {
    fake = await startFakeScenario({ ...base, assets: [{ ...(base.assets[0] as ScenarioAsset), naming: 'opaque' }] });
    const provider = createScenarioProvider(quick());
    const { context } = contextFor(accountFor(fake));
    expect((await resolveSpec(provider, 'scenario:asset/a1?format=jpg', context)).suggestedName).toBe('a1.jpg');
    expect((await resolveSpec(provider, 'scenario:asset/a1', context)).suggestedName).toBe('a1');
  });
});

describe('Scenario batches', () => {
  it('polls a job through unknown statuses, showing each one, until it has a link', async () => {
    fake = await startFakeScenario({ ...base, jobStatuses: ['warming-up', 'queued', 'zipping', 'success'] });
    const provider = createScenarioProvider(quick());
    const { context, reasons } = contextFor(accountFor(fake));
    const spec = await resolveSpec(provider, 'scenario:batch?assets=a1,a3', context);
    expect(reasons).toEqual(
      ['warming-up', 'queued', 'zipping'].map((status) => `Scenario is preparing the ZIP (${status})`),
    );
    expect(spec.url).toMatch(/\/exports\/job-1\.zip\?/);
    expect(spec.suggestedName).toBe('job-1.zip');
    expect(fake.jobs.get('job-1')?.body).toEqual({
      options: { fileNameTemplate: '<prompt>-<seed>-<num>', flat: false },
      query: { assetIds: ['a1', 'a3'], inferenceIds: [], modelIds: [] },
    });
  });

  it('waits for the same job again after a pause, and for a new one once the batch is added again', async () => {
    fake = await startFakeScenario(base);
    const provider = createScenarioProvider(quick());
    const account = accountFor(fake);
    const ref = 'scenario:batch?assets=a1';
    const paused = new AbortController();
    const slow = createScenarioProvider({ deadlineMs: () => 60_000, firstDelayMs: 15_000, maxDelayMs: 15_000 });
    const first = resolveSpec(slow, ref, contextFor(account, paused.signal).context);
    await waitUntil(() => (fake.jobs.get('job-1')?.polls ?? 0) >= 1);
    paused.abort();
    await expect(first).rejects.toThrow();
    await resolveSpec(provider, ref, contextFor(account).context);
    expect([...fake.jobs.keys()]).toEqual(['job-1']);

    expect(await provider.expand?.(ref, () => account)).toEqual([{ ref, folder: '', unpack: true }]);
    await resolveSpec(provider, ref, contextFor(account).context);
    expect([...fake.jobs.keys()]).toEqual(['job-1', 'job-2']);
  });

  it('ends a failed job with an error naming it, and asks for a new job on the retry', async () => {
    fake = await startFakeScenario({ ...base, jobStatuses: ['queued', 'failed'] });
    const provider = createScenarioProvider(quick());
    const account = accountFor(fake);
    await expect(resolveSpec(provider, 'scenario:batch?assets=a1', contextFor(account).context)).rejects.toThrow(
      'Scenario could not prepare batch job job-1 (status "failed").',
    );
    await expect(resolveSpec(provider, 'scenario:batch?assets=a1', contextFor(account).context)).rejects.toThrow(
      'job-2',
    );
  });

  it('gives up on a job still working at the deadline, and keeps it for the retry', async () => {
    fake = await startFakeScenario({ ...base, jobStatuses: ['in-progress'] });
    const provider = createScenarioProvider(quick(300));
    const account = accountFor(fake);
    const started = Date.now();
    await expect(resolveSpec(provider, 'scenario:batch?assets=a1', contextFor(account).context)).rejects.toThrow(
      /Scenario's batch job job-1 was still "in-progress" after 1 second, the longest Ferry waits/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(resolveSpec(provider, 'scenario:batch?assets=a1', contextFor(account).context)).rejects.toThrow(
      'job-1',
    );
    expect(fake.jobs.size).toBe(1);
  });

  it('waits as long as Retry-After says when a poll answers 429', async () => {
    fake = await startFakeScenario({ ...base, rateLimitedPolls: { count: 1, retryAfterSeconds: 1 } });
    const provider = createScenarioProvider(quick());
    await resolveSpec(provider, 'scenario:batch?assets=a1', contextFor(accountFor(fake)).context);
    const [limited, next] = fake.server.requestsFor('/v1/assets/download/job-1');
    expect((next?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('stops polling at once when the download is paused', async () => {
    fake = await startFakeScenario({ ...base, jobStatuses: ['in-progress'] });
    const provider = createScenarioProvider({ deadlineMs: () => 60_000, firstDelayMs: 15_000, maxDelayMs: 15_000 });
    const pause = new AbortController();
    const resolving = resolveSpec(
      provider,
      'scenario:batch?assets=a1',
      contextFor(accountFor(fake), pause.signal).context,
    );
    await waitUntil(() => (fake.jobs.get('job-1')?.polls ?? 0) === 1);
    const paused = Date.now();
    pause.abort();
    await expect(resolving).rejects.toThrow();
    expect(Date.now() - paused).toBeLessThan(500);
  });

  it('asks for a new job when the one kept from earlier is gone', async () => {
    fake = await startFakeScenario(base);
    const provider = createScenarioProvider(quick());
    const account = accountFor(fake);
    await resolveSpec(provider, 'scenario:batch?assets=a1', contextFor(account).context);
    const restarted = await startFakeScenario(base);
    try {
      const moved = { ...account, baseUrl: restarted.baseUrl };
      const spec = await resolveSpec(provider, 'scenario:batch?assets=a1', contextFor(moved).context);
      expect(spec.url).toContain('/exports/job-1.zip');
      expect(restarted.server.requestsFor('/v1/assets/download/job-1')[0]?.path).toBeDefined();
      expect(restarted.server.requestsFor('/v1/assets/download')).toHaveLength(1);
      expect(restarted.server.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'GET', 'GET', 'GET']);
    } finally {
      await restarted.server.close();
    }
  });

  it('splits a batch over 1,000 assets into one download a job, all unpacked into the same folder', async () => {
    fake = await startFakeScenario(base);
    const provider = createScenarioProvider(quick());
    const ids = Array.from({ length: 1001 }, (_, index) => `x${index}`);
    const parts = await provider.expand?.(`scenario:batch?assets=${ids.join(',')}&flat=true`, () => accountFor(fake));
    expect(parts).toEqual([
      { ref: `scenario:batch?assets=${ids.slice(0, 1000).join(',')}&flat=true`, folder: '', unpack: true },
      { ref: 'scenario:batch?assets=x1000&flat=true', folder: '', unpack: true },
    ]);
    expect(await provider.expand?.('scenario:asset/a1', () => accountFor(fake))).toBeNull();
  });
});

describe('Scenario library', () => {
  it('follows pagination tokens to the end, offering each asset’s formats', async () => {
    fake = await startFakeScenario({ ...base, maxPageSize: 2 });
    const entries = (await createScenarioProvider(quick()).browse?.(accountFor(fake))) ?? [];
    expect(fake.server.requestsFor('/v1/assets')).toHaveLength(2);
    expect(entries.map((entry) => entry.ref)).toEqual(['scenario:asset/a1', 'scenario:asset/a2', 'scenario:asset/a3']);
    expect(entries[1]).toMatchObject({
      name: 'tower.glb',
      type: 'glb',
      detail: 'GLB · 1024×1024 · 3d',
      choices: [
        { label: 'Original (GLB)', ref: 'scenario:asset/a2' },
        { label: 'FBX', ref: 'scenario:asset/a2?format=fbx' },
        { label: 'OBJ', ref: 'scenario:asset/a2?format=obj' },
      ],
    });
    expect(entries[2]?.tags).toEqual(['walls']);
    expect(entries[0]?.choices.map((choice) => choice.label)).toEqual([
      'Original (PNG)',
      'JPEG',
      'WEBP',
      'AVIF',
      'TIFF',
    ]);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
