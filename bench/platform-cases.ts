import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FakeScenario, startFakeScenario } from '../test/support/fake-scenario';
import { carOf, IpfsContent } from '../test/support/ipfs-content';
import { type Case, command, ferryCli, ferryGet, type Tool } from './tools';

const ASSETS = 1000;

/** What the platform cases may use of the bench: its data folder and the loopback server that serves it. */
export interface BenchContext {
  data: string;
  /** Base URL of the fast (unthrottled) server, ending in a slash. */
  fast: string;
  /** The bundled script of Node + undici reading a URL and discarding it: the runtime's floor. */
  undiciRead: string;
}

export interface PlatformCase extends Case {
  stop(): Promise<void>;
}

/**
 * A Scenario batch of 1,000 small assets, fetched as a person would: `ferry get`
 * with a fresh profile (library, scheduler, job polling, the ZIP, unpacking and
 * its removal), against curl of the same ZIP followed by unzip and sync.
 */
export async function scenarioBatchCase(bench: BenchContext): Promise<PlatformCase> {
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
  const jobBody = join(bench.data, 'scenario-batch.json');
  await writeFile(jobBody, batchJobBody(assets.map((asset) => asset.id)));
  const zipUrl = await batchZipUrl(fake, apiKey, apiSecret, jobBody);
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
      command('curl+unzip+sync', 'sh', (out) => ['-c', fetchAndUnzip(out, `"${zipUrl}"`)]),
      // The same work as Ferry's: ask for the batch (the server builds its ZIP then), get its link, fetch, unpack.
      command('curl (job, link, ZIP)+unzip+sync', 'sh', (out) => [
        '-c',
        [
          'set -e',
          `job=$(curl -sS --fail -u "${apiKey}:${apiSecret}" -H 'content-type: application/json' --data-binary @"${jobBody}" "${fake.baseUrl}/assets/download" | sed -n 's/.*"jobId":"\\([^"]*\\)".*/\\1/p')`,
          `url=$(curl -sS --fail -u "${apiKey}:${apiSecret}" "${fake.baseUrl}/assets/download/$job" | sed -n 's/.*"downloadUrl":"\\([^"]*\\)".*/\\1/p')`,
          fetchAndUnzip(out, '"$url"'),
        ].join('\n'),
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
      if (names.length === 1 && names[0] === READ_ONLY_MARK) return;
      const found = names.length === 1 ? (await stat(join(out, names[0] as string))).size : -1;
      // Ferry leaves the file; curl leaves the CAR, which holds the file and a little more.
      if (found < size) throw new Error(`${out} holds ${names.join(', ')}, not the ${size} bytes`);
    },
    tools: [
      ferryGet(() => [`cid:${cid}`, '--gateway', bench.fast]),
      command('curl of the CAR', 'curl', (out) => ['-sS', '--fail', '-o', join(out, 'mid.car'), carUrl]),
      readOnly('undici reading the CAR', bench.undiciRead, carUrl),
      command('curl+sync of the CAR', 'sh', (out) => [
        '-c',
        `curl -sS --fail -o "${join(out, 'mid.car')}" "${carUrl}" && sync "${join(out, 'mid.car')}"`,
      ]),
    ],
    stop: async () => undefined,
  };
}

/** The shell commands that fetch the ZIP at `url` into `out`, unpack it there, remove it and flush. */
function fetchAndUnzip(out: string, url: string): string {
  return `curl -sS --fail -o "${out}/batch.zip" ${url} && unzip -q "${out}/batch.zip" -d "${out}" && rm "${out}/batch.zip" && sync`;
}

/** The batch job Ferry asks for: these assets, named after their prompt and seed. */
function batchJobBody(assetIds: string[]): string {
  return JSON.stringify({
    options: { fileNameTemplate: '<prompt>-<seed>-<num>', flat: false },
    query: { assetIds, inferenceIds: [], modelIds: [] },
  });
}

const READ_ONLY_MARK = 'read-only';

/**
 * What no Node program can beat: undici reading `url` and dropping it, no
 * checks, no disk. It leaves a mark, so the case can tell it ran to the end.
 */
function readOnly(name: string, script: string, url: string): Tool {
  const read = command(name, process.execPath, () => [script, url]);
  return {
    name,
    async run(out) {
      const result = await read.run(out);
      await writeFile(join(out, READ_ONLY_MARK), '');
      return result;
    },
  };
}

/** Asks the fake for one batch job, as Scenario's API is asked, and returns its ZIP link. */
async function batchZipUrl(fake: FakeScenario, apiKey: string, apiSecret: string, jobBody: string): Promise<string> {
  const authorization = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
  const headers = { authorization, 'content-type': 'application/json' };
  const body = await readFile(jobBody, 'utf8');
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
