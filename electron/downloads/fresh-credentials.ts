import { receivedIn } from '../engine/resume-state';
import type { TransferOutcome } from '../engine/transfer-types';

/**
 * Fresh links or tokens a download may get in a row while no byte arrives. A platform may revoke a token at any
 * moment, even one just issued, so one refusal of a fresh token proves little; three in a row is a real refusal.
 */
const MOST_WITHOUT_BYTES = 3;

interface Given {
  received: number;
  inARow: number;
}

/**
 * When a download refused with 401, 403 or 410 gets a fresh link or token instead of failing. A long file may
 * outlive several links, so one is given each time the download has moved on since the last; without new bytes
 * only three in a row, so a refusal that always comes back fails instead of looping.
 */
export class FreshCredentials {
  private readonly given = new Map<number, Given>();

  shouldRefresh(id: number, outcome: Extract<TransferOutcome, { status: 'failed' }>): boolean {
    const { status } = outcome.error;
    if (status !== 401 && status !== 403 && status !== 410) return false;
    const received = outcome.state ? receivedIn(outcome.state) : 0;
    const before = this.given.get(id);
    const inARow = before === undefined || received > before.received ? 1 : before.inARow + 1;
    if (inARow > MOST_WITHOUT_BYTES) return false;
    this.given.set(id, { received, inARow });
    return true;
  }

  /** The download finished or failed for good: its count starts afresh if it runs again. */
  forget(id: number): void {
    this.given.delete(id);
  }
}
