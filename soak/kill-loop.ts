import { type FerryEnv, rssSampleMs, startFerry } from './ferry-process';
import { seededRandom } from './random';

export interface RunRecord {
  killed: boolean;
  peakRss: number;
  /** RSS every `rssSampleMs` while it ran. */
  rssSamples: number[];
  code: number | null;
}

export interface KillPlan {
  env: FerryEnv;
  /** Beyond `run --parallel 16`, such as `--gateway URL`. */
  runArgs: string[];
  kills: number;
  seed: number;
  needed: number;
  transferred: () => number;
  log: (line: string) => void;
}

/** The last run gets this long to finish everything left; generous, since a stuck run is itself a finding. */
const finalRunLimitMs = 45 * 60_000;

/**
 * Runs `ferry run --parallel 16`, SIGKILLs it at a random point and starts it again,
 * `kills` times, then lets the last run finish. A kill comes after a random share of
 * the bytes (so it lands mid-transfer however fast the machine is) or a random time,
 * whichever is first. The byte shares of all kills add up to at most 60 % of the bytes
 * the phase needs, and the phase cannot end before all of them have crossed the chaos
 * proxies: so every planned kill lands while work remains, whatever the timing.
 */
export async function killAndRestart(plan: KillPlan): Promise<RunRecord[]> {
  const random = seededRandom(plan.seed + 2);
  const runs: RunRecord[] = [];
  while (true) {
    const killing = runs.filter((run) => run.killed).length < plan.kills;
    const run = startFerry(['run', '--parallel', '16', ...plan.runArgs], plan.env);
    const from = plan.transferred();
    const byteShare = (plan.needed / (plan.kills * 2.5)) * (0.5 + random());
    const deadline = Date.now() + (killing ? 2_000 + random() * 18_000 : finalRunLimitMs);
    const poll = setInterval(() => {
      const due = Date.now() >= deadline || (killing && plan.transferred() - from >= byteShare);
      if (due) run.child.kill('SIGKILL');
    }, 100);
    const result = await run.finished;
    clearInterval(poll);
    if (result.signal === 'SIGKILL' && !killing)
      throw new Error(`the last ferry run was still at work after ${finalRunLimitMs / 60_000} minutes`);
    const killed = result.signal === 'SIGKILL';
    runs.push({ killed, peakRss: run.peakRss(), rssSamples: run.rssSamples, code: result.code });
    const seconds = ((run.rssSamples.length * rssSampleMs) / 1000).toFixed(0);
    const peak = (run.peakRss() / 2 ** 20).toFixed(0);
    plan.log(
      `run ${runs.length}: ${killed ? 'SIGKILLed' : `exited ${result.code}`} after ${seconds} s, peak RSS ${peak} MiB`,
    );
    if (!killed && result.code !== 0 && result.code !== 1)
      throw new Error(`ferry run exited ${result.code}: ${result.stderr.trim()}`);
    if (!killed && killing) plan.log(`run ${runs.length} finished the phase before its planned SIGKILL`);
    if (!killed || !killing) return runs;
  }
}
