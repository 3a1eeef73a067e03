import { createHash } from 'node:crypto';
import type { ProviderSession } from '../provider';

/** One keychain entry holds them all; kept small, as some keychains (Windows) take only a few KiB an entry. */
const SESSION_NAME = 'scenario.batchJobs';
const KEPT_MS = 24 * 60 * 60_000;
const MAX_KEPT = 20;

interface KeptJob {
  job: string;
  at: number;
}

/**
 * The batch jobs an account asked for, by batch ref, so a download paused or
 * interrupted while Scenario builds its ZIP waits for the same job again (and
 * resumes the same ZIP) instead of asking for a new one. A job id is no
 * secret, but the session lives beside the account's secrets and goes with it.
 * Entries older than a day are dropped; a new download of the ref forgets its job.
 */
export class BatchJobs {
  private readonly session: ProviderSession;
  private readonly now: () => number;

  constructor(session: ProviderSession, now: () => number = Date.now) {
    this.session = session;
    this.now = now;
  }

  get(ref: string): string | null {
    return this.read()[keyOf(ref)]?.job ?? null;
  }

  remember(ref: string, job: string): void {
    this.write({ ...this.read(), [keyOf(ref)]: { job, at: this.now() } });
  }

  forget(ref: string): void {
    const jobs = this.read();
    const key = keyOf(ref);
    if (!(key in jobs)) return;
    delete jobs[key];
    this.write(jobs);
  }

  private read(): Record<string, KeptJob> {
    try {
      const kept = JSON.parse(this.session.get(SESSION_NAME) ?? '{}') as Record<string, KeptJob>;
      const fresh = Object.entries(kept).filter(([, entry]) => this.now() - entry.at < KEPT_MS);
      return Object.fromEntries(fresh);
    } catch {
      // Unreadable means nothing worth keeping: the next batch asks for a new job.
      return {};
    }
  }

  private write(jobs: Record<string, KeptJob>): void {
    const newest = Object.entries(jobs)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_KEPT);
    this.session.set(SESSION_NAME, newest.length > 0 ? JSON.stringify(Object.fromEntries(newest)) : null);
  }
}

/** Refs of big batches run to tens of KiB; a digest keys them in little space. */
function keyOf(ref: string): string {
  return createHash('sha256').update(ref.trim()).digest('hex').slice(0, 16);
}
