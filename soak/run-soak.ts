import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultCounts, type FaultRates } from './fault-plan';
import { type FerryEnv, ferry, rssSampleMs } from './ferry-process';
import { checkEndState, type ListedDownload } from './final-checks';
import { killAndRestart, type RunRecord } from './kill-loop';
import { filesLeftIn, SharedFolders } from './outside-files';
import type { SoakFigures } from './report';
import { quarterPeaks, rssGrowthWithin, rssProblems } from './rss-bound';
import { startSources } from './sources';
import { bytesNeeded, planDownloads, type SoakShape, type Source } from './workload';

export const soakRates: FaultRates = {
  drop: 0.05,
  stall: 0.03,
  status: 0.08,
  archiveCut: 0.15,
  stallMs: [2_000, 6_000],
  etagChange: 0.25,
  apiDrop: 0.02,
  apiStall: 0.02,
  apiStallMs: [1_000, 3_000],
};

/** One soak: plan, serve, add, run under SIGKILLs until done, then check the end state. */
export async function runSoak(shape: SoakShape, log: (line: string) => void = () => {}): Promise<SoakFigures> {
  const started = Date.now();
  const plan = planDownloads(shape);
  const counts = new FaultCounts();
  const shared = await SharedFolders.snapshot();
  const root = await mkdtemp(join(tmpdir(), 'ferry-soak-'));
  const env: FerryEnv = {
    profile: join(root, 'profile'),
    keychainService: `FerrySoak-${process.pid}-${shape.seed}`,
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
  };
  await Promise.all([mkdir(env.home), mkdir(env.tmp)]);
  const destinationOf = (download: { source: Source }) => join(root, 'downloads', download.source);
  const sources = await startSources(shape.seed, plan, soakRates, counts);
  try {
    for (const account of sources.accounts) await ferry(['accounts', 'add', ...account], env);
    const transferred = () => sources.proxies.reduce((sum, proxy) => sum + proxy.bytesSent, 0);
    const phase = { env, seed: shape.seed, transferred, log };
    // With a CID store account every CID goes to the store, and `--gateway` would send every CID to the
    // gateways: the store's CIDs run first, then the account goes and the gateway's CIDs run.
    const [storePhase, gatewayPhase] = [
      plan.filter((download) => download.source !== 'ipfs-gateway'),
      plan.filter((download) => download.source === 'ipfs-gateway'),
    ];
    await addEverything(root, storePhase, sources.ref, destinationOf, env);
    log(`soak ${shape.name}: ${plan.length} downloads, ${(bytesNeeded(plan) / 2 ** 20).toFixed(0)} MiB needed`);
    const storeRuns = await killAndRestart({
      ...phase,
      runArgs: [],
      kills: shape.kills,
      needed: bytesNeeded(storePhase),
    });
    // Only the first phase downloads from Delos and the CID store: revoking later would count nothing real.
    sources.stopRevokingTokens();
    await ferry(['accounts', 'rm', 'Store'], env);
    await addEverything(root, gatewayPhase, sources.ref, destinationOf, env);
    const gatewayArgs = ['--gateway', sources.gatewayUrl];
    const needed = bytesNeeded(gatewayPhase);
    const gatewayRuns = await killAndRestart({ ...phase, runArgs: gatewayArgs, kills: shape.gatewayKills, needed });
    const runs = [...storeRuns, ...gatewayRuns];
    counts.add('signed link expired', sources.expiredLinks());
    counts.add('token expired', sources.expiredTokens());
    counts.add('archive cut', sources.cutArchives());
    const listed = (await ferry(['ls', '--json'], env)).stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ListedDownload);
    const outcome = await checkEndState({
      seed: shape.seed,
      plan,
      listed,
      refOf: sources.ref,
      versionOf: (download) => (download.source === 'direct' ? sources.content.version(download.id) : 0),
      destinationOf,
      root,
      profile: env.profile,
    });
    const runPeaks = runs.map((run) => run.peakRss);
    const kills = runs.filter((run) => run.killed).length;
    const longestRun = quarterPeaks(longest(runs).rssSamples, rssSampleMs);
    return {
      shape: shape.name,
      seed: shape.seed,
      downloads: plan.length,
      done: outcome.done,
      faults: counts,
      kills,
      bytesTransferred: transferred(),
      bytesNeeded: bytesNeeded(plan),
      failuresByReason: outcome.failuresByReason,
      runPeaks,
      longestRun,
      durationMs: Date.now() - started,
      // Each phase against itself: the gateway's CARs take more memory than the first phase's work by design.
      problems: [
        ...outcome.problems,
        ...[storeRuns, gatewayRuns].flatMap((runs) => rssProblems(runs.map((run) => run.peakRss))),
        ...rssGrowthWithin(longestRun),
        ...(kills < shape.requiredKills
          ? [`only ${kills} SIGKILLs, fewer than the ${shape.requiredKills} required`]
          : []),
        ...(await filesLeftIn(env.home, root)),
        ...(await filesLeftIn(env.tmp, root)),
        ...(await shared.problems()),
      ],
    };
  } finally {
    for (const account of ['Echo', 'Delos', 'Scenario', 'Store'])
      await ferry(['accounts', 'rm', account], env).catch(() => {});
    await sources.close();
    if (!process.env.FERRY_SOAK_KEEP) await rm(root, { recursive: true, force: true });
  }
}

function longest(runs: RunRecord[]): RunRecord {
  return runs.reduce((long, run) => (run.rssSamples.length > long.rssSamples.length ? run : long));
}

/** One `ferry add -i` per source, each into its own folder, as a user pasting a list would. */
async function addEverything(
  root: string,
  plan: ReturnType<typeof planDownloads>,
  refOf: (download: ReturnType<typeof planDownloads>[number]) => string,
  destinationOf: (download: { source: Source }) => string,
  env: FerryEnv,
): Promise<void> {
  await mkdir(join(root, 'refs'), { recursive: true });
  for (const source of new Set(plan.map((download) => download.source))) {
    const refs = plan.filter((download) => download.source === source).map(refOf);
    const list = join(root, 'refs', `${source}.txt`);
    await writeFile(list, `${refs.join('\n')}\n`);
    await ferry(['add', '-i', list, '-o', destinationOf({ source })], env);
  }
}
