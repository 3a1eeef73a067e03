import { setTimeout as sleep } from 'node:timers/promises';

/** A hostile or confused server could ask for a pause of days; an hour is as long as Ferry holds an account. */
const MAX_HOLD_MS = 60 * 60_000;

/**
 * When a platform answers 429 to one call, it is rationing the account, not that
 * call: every API call and download start of the account waits until the time it
 * asked for, so a queue of downloads does not keep hammering it.
 */
export class AccountThrottle {
  private readonly holds = new Map<string, number>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Holds the account's calls until `time` (ms since the epoch); an earlier time never shortens a hold. */
  holdUntil(key: string, time: number): void {
    const until = Math.min(time, this.now() + MAX_HOLD_MS);
    if (until > (this.holds.get(key) ?? 0)) this.holds.set(key, until);
  }

  /** When the account may call again, or null when it may now. */
  heldUntil(key: string): number | null {
    const until = this.holds.get(key);
    if (until === undefined) return null;
    if (until > this.now()) return until;
    this.holds.delete(key);
    return null;
  }

  /** Resolves once the account may call; a hold added meanwhile is waited out too. Rejects when the signal aborts. */
  async wait(key: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    for (let until = this.heldUntil(key); until !== null; until = this.heldUntil(key)) {
      await sleep(until - this.now(), undefined, { signal });
    }
  }
}

/** The key of one account: the same label on another base URL is another account as far as the server can tell. */
export function accountKey(provider: string, account: { label: string; baseUrl: string | null }): string {
  return `${provider}\n${account.label}\n${account.baseUrl ?? ''}`;
}

/** The one throttle of this process: API calls and download starts of every provider share it. */
export const accountThrottle = new AccountThrottle();
