/** The faults the chaos layer throws, by the name the report counts them under. */
export type FaultKind =
  | 'drop mid-body'
  | 'stall'
  | '429'
  | '500'
  | '503'
  | 'etag change'
  | 'archive cut'
  | 'signed link expired'
  | 'token expired';

export type RequestFault =
  | { kind: 'drop mid-body' | 'archive cut'; at: number }
  | { kind: 'stall'; at: number; ms: number }
  | { kind: '429' | '500' | '503' };

export interface FaultRates {
  drop: number;
  stall: number;
  status: number;
  archiveCut: number;
  stallMs: [number, number];
  /** Share of resumed direct downloads whose file changes on the server (once per file). */
  etagChange: number;
  /** API answers (JSON, text) cut mid-answer or stalled, at their own rates: far more of them than of files. */
  apiDrop: number;
  apiStall: number;
  apiStallMs: [number, number];
}

export class FaultCounts {
  readonly byKind = new Map<FaultKind, number>();

  add(kind: FaultKind, times = 1): void {
    if (times > 0) this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + times);
  }

  total(): number {
    return [...this.byKind.values()].reduce((sum, count) => sum + count, 0);
  }
}

const archiveTypes = /tar|car|zip/;

/**
 * Picks a request's fault. A path that just had one is served clean next time:
 * Ferry gives up after several failures in a row, and a soak that failed a download
 * by bad luck would hide the failures that matter.
 */
export class FaultPlan {
  private readonly lastFaulted = new Set<string>();

  constructor(
    private readonly random: () => number,
    private readonly rates: FaultRates,
  ) {}

  /** False for the request right after a faulted one on the same path. */
  mayFault(path: string): boolean {
    return !this.lastFaulted.delete(path);
  }

  /** A 500 only on GETs: Ferry rightly does not resend a POST the server may have acted on. */
  forHeaders(path: string, method: string): RequestFault | undefined {
    const roll = this.random();
    if (roll >= this.rates.status) return undefined;
    this.lastFaulted.add(path);
    const statuses = method === 'GET' ? (['429', '500', '503'] as const) : (['429', '503'] as const);
    return { kind: statuses[Math.floor((roll / this.rates.status) * statuses.length)] ?? '503' };
  }

  forBody(path: string, contentType: string, length: number): RequestFault | undefined {
    if (length < 2) return undefined;
    const at = Math.floor(this.random() * length);
    const roll = this.random();
    const archive = archiveTypes.test(contentType);
    let fault: RequestFault | undefined;
    if (archive && roll < this.rates.archiveCut) fault = { kind: 'archive cut', at };
    else if (roll < this.rates.drop) fault = { kind: 'drop mid-body', at };
    else if (roll < this.rates.drop + this.rates.stall) {
      const [low, high] = this.rates.stallMs;
      fault = { kind: 'stall', at, ms: Math.floor(low + this.random() * (high - low)) };
    }
    if (fault) this.lastFaulted.add(path);
    return fault;
  }

  /** An API answer's fault: cut, or held for a moment, after at least its first byte. */
  forText(path: string, length: number): RequestFault | undefined {
    if (length < 2) return undefined;
    const at = 1 + Math.floor(this.random() * (length - 1));
    const roll = this.random();
    let fault: RequestFault | undefined;
    if (roll < this.rates.apiDrop) fault = { kind: 'drop mid-body', at };
    else if (roll < this.rates.apiDrop + this.rates.apiStall) {
      const [low, high] = this.rates.apiStallMs;
      fault = { kind: 'stall', at, ms: Math.floor(low + this.random() * (high - low)) };
    }
    if (fault) this.lastFaulted.add(path);
    return fault;
  }
}
