import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FakeScenario, startFakeScenario } from '../test/support/fake-scenario';
import { carOf, IpfsContent } from '../test/support/ipfs-content';
import { type Case, command, ferryCli, ferryGet } from './tools';

const ASSETS = 1000;

/** What the platform cases may use of the bench: its data folder and the loopback server that serves it. */
export interface BenchContext {
  data: string;
  /** Base URL of the fast (unthrottled) server, ending in a slash. */
  fast: string;
}

export interface PlatformCase extends Case {
  stop(): Promise<void>;
}

/**
 * A Scenario batch of 1,000 small assets, fetched as a person would: `ferry get`
 * with a fresh profile (library, scheduler, job polling, the ZIP, unpacking and
 * its removal), against curl of the same ZIP followed by unzip and sync.
 */
export async function scenarioBatchCase(_bench: BenchContext): Promise<PlatformCase> {
  const assets = Array.from({ length: ASSETS }, (_, i) => ({
    id: `asset-${i}`,
    name: `asset-${i}.png`,
    mimeType: 'image/png',
    body: randomBytes(2_000 + ((i * 7919) % 6_000)),
    prompt: 'castle',
    seed: i,
  }));
  const apiKey = 'bench-key';
  const apiSecret = 'bench-secret-value';
  const fake = await startFakeScenario({ apiKey, apiSecret, assets, jobStatuses: ['success'] });
  const ref = `scenario:batch?assets=${assets.map((asset) => asset.id).join(',')}`;
  const zipUrl = await batchZipUrl(
    fake,
    apiKey,
    apiSecret,
    assets.map((asset) => asset.id),
  );
  return {
    title: `Scenario batch of ${ASSETS.toLocaleString('en')} small assets (one ZIP)`,
    target: 'at most 1.2× curl + unzip',
    verify: (out) => expectFilesBelow(out, ASSETS),
    tools: [
      ferryGet(() => [ref], {
        before: async (profile) => {
          const fields = [`apiKey=${apiKey}`, `apiSecret=${apiSecret}`];
          const account = ['--label', 'Bench', '--base-url', fake.baseUrl, ...fields, '--profile', profile];
          await ferryCli(['accounts', 'add', 'scenario', ...account]);
        },
        // The secrets live in the keychain, not the profile: removing the account removes them.
        after: (profile) => ferryCli(['accounts', 'rm', 'Bench', '--profile', profile]).then(() => undefined),
      }),
      command('curl+unzip+sync', 'sh', (out) => [
        '-c',
        `curl -sS --fail -o "${out}/batch.zip" "${zipUrl}" && unzip -q "${out}/batch.zip" -d "${out}" && rm "${out}/batch.zip" && sync`,
      ]),
    ],
    stop: () => fake.server.close(),
  };
}

/**
 * A 256 MiB file by its CID through a trustless gateway on loopback: `ferry get`
 * fetches the CAR, checks every block against its CID and rebuilds the file,
 * against curl fetching the same CAR to disk. The CAR is made once and served
 * by the bench's own server, so the gateway costs both sides the same.
 */
export async function cidGatewayCase(bench: BenchContext): Promise<PlatformCase> {
  const source = await readFile(join(bench.data, 'mid.bin'));
  const content = await IpfsContent.build([{ path: 'mid.bin', content: source }]);
  const cid = content.root.toString();
  await mkdir(join(bench.data, 'ipfs'), { recursive: true });
  await writeFile(join(bench.data, 'ipfs', cid), await carOf(content.root, await content.blocksFor('')));
  const carUrl = `${bench.fast}ipfs/${cid}?format=car`;
  const size = source.length;
  return {
    title: '256 MiB by CID from a gateway, verified',
    target: 'at most 1.3× curl of the CAR; RSS at most 200 MiB',
    async verify(out) {
      const names = (await readdir(out)).filter((name) => !name.endsWith('.part'));
      const found = names.length === 1 ? (await stat(join(out, names[0] as string))).size : -1;
      // Ferry leaves the file; curl leaves the CAR, which holds the file and a little more.
      if (found < size) throw new Error(`${out} holds ${names.join(', ')}, not the ${size} bytes`);
    },
    tools: [
      ferryGet(() => [`cid:${cid}`, '--gateway', bench.fast]),
      command('curl of the CAR', 'curl', (out) => ['-sS', '--fail', '-o', join(out, 'mid.car'), carUrl]),
      command('curl+sync of the CAR', 'sh', (out) => [
        '-c',
        `curl -sS --fail -o "${join(out, 'mid.car')}" "${carUrl}" && sync "${join(out, 'mid.car')}"`,
      ]),
    ],
    stop: async () => undefined,
  };
}

/** Asks the fake for one batch job, as Scenario's API is asked, and returns its ZIP link. */
async function batchZipUrl(fake: FakeScenario, apiKey: string, apiSecret: string, assetIds: string[]): Promise<string> {
  const authorization = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
  const headers = { authorization, 'content-type': 'application/json' };
  const body = JSON.stringify({
    options: { fileNameTemplate: '<prompt>-<seed>-<num>', flat: false },
    query: { assetIds, inferenceIds: [], modelIds: [] },
  });
  const job = (await (await fetch(`${fake.baseUrl}/assets/download`, { method: 'POST', headers, body })).json()) as {
    jobId: string;
  };
  const status = (await (await fetch(`${fake.baseUrl}/assets/download/${job.jobId}`, { headers })).json()) as {
    downloadUrl: string;
  };
  return status.downloadUrl;
}

async function expectFilesBelow(folder: string, count: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.part'));
  if (files.length !== count) throw new Error(`${folder} has ${files.length} files, expected ${count}`);
}
