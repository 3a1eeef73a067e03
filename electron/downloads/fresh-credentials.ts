import { receivedIn } from '../engine/resume-state';
import type { TransferOutcome } from '../engine/transfer-types';

/** A fresh link or token refused this soon was refused for itself, not because it aged or was revoked. */
const FRESH_LIFETIME_MS = 1_000;
/** Fresh ones refused in a row with no byte between, each after living a while: then the refusal is real. */
const MOST_WITHOUT_BYTES = 3;

interface Given {
  received: number;
  at: number;
  inARow: number;
}

/**
 * When a download refused with 401, 403 or 410 gets a fresh link or token instead of failing. A long file may
 * outlive several links, so one is given each time the download has moved on since the last. Without new bytes
 * one is given again only if the last lived a while (a 429 wait, a slow start: a token revoked or expired
 * meanwhile), at most three times in a row, so a refusal that comes back at once, or always, cannot loop.
 */
export class FreshCredentials {
  private readonly given = new Map<number, Given>();

  constructor(private readonly now: () => number = Date.now) {}

  shouldRefresh(id: number, outcome: Extract<TransferOutcome, { status: 'failed' }>): boolean {
    const { status } = outcome.error;
    if (status !== 401 && status !== 403 && status !== 410) return false;
    const received = outcome.state ? receivedIn(outcome.state) : 0;
    const before = this.given.get(id);
    const now = this.now();
    const movedOn = before === undefined || received > before.received;
    const outlived = before !== undefined && now - before.at >= FRESH_LIFETIME_MS && before.inARow < MOST_WITHOUT_BYTES;
    if (!movedOn && !outlived) return false;
    this.given.set(id, { received, at: now, inARow: movedOn ? 1 : (before?.inARow ?? 0) + 1 });
    return true;
  }

  /** The download finished or failed for good: its count starts afresh if it runs again. */
  forget(id: number): void {
    this.given.delete(id);
  }
}
