/**
 * A byte range being fetched: bytes before `pos` are on disk, bytes before
 * `taken` have arrived and are being written; `end` is exclusive and may
 * shrink when another connection steals the tail.
 */
export interface Segment {
  pos: number;
  taken: number;
  end: number;
  owner: number | null;
}

export interface ByteRange {
  start: number;
  /** Exclusive; null while the size is unknown. */
  end: number | null;
}

/**
 * The smallest piece worth a connection of its own. Stealing splits at the
 * middle of at least twice this, which keeps the split far ahead of any write
 * still in flight on the victim's connection (a socket chunk is at most 64 KiB).
 */
export const MIN_SEGMENT_BYTES = 256 * 1024;

/**
 * Which bytes are still missing and who is fetching them. A connection that
 * runs out of work takes an unowned range, or steals the back half of the
 * range with the most left, so one slow connection cannot hold a file back.
 */
export class SegmentPlan {
  private constructor(private readonly segments: Segment[]) {}

  static whole(size: number | null): SegmentPlan {
    return new SegmentPlan([newSegment(0, size ?? Number.POSITIVE_INFINITY)]);
  }

  static fromRanges(ranges: ByteRange[]): SegmentPlan {
    return new SegmentPlan(ranges.map((range) => newSegment(range.start, range.end ?? Number.POSITIVE_INFINITY)));
  }

  get first(): Segment | undefined {
    return this.segments.find((segment) => segment.pos < segment.end);
  }

  /** Bytes still to fetch; Infinity while the size is unknown. */
  remaining(): number {
    return this.segments.reduce((sum, segment) => sum + Math.max(0, segment.end - segment.pos), 0);
  }

  isComplete(): boolean {
    return this.remaining() === 0;
  }

  /** Bytes in so far of a file of `size` bytes; while the size is unknown, how far its single range got. */
  received(size: number | null): number {
    if (size !== null) return size - this.remaining();
    return this.first?.pos ?? 0;
  }

  /**
   * Shares a fresh plan's single range out among up to `wanted` connections,
   * as many as get MIN_SEGMENT_BYTES each; returns how many that is.
   */
  shareOut(first: Segment, wanted: number): number {
    const connections = Math.max(1, Math.min(wanted, Math.floor(this.remaining() / MIN_SEGMENT_BYTES)));
    if (connections > 1 && this.toRanges().length === 1) this.splitEvenly(first, connections);
    return connections;
  }

  /** Cuts the range of `segment` into `parts` equal pieces left unowned, keeping the first for its owner. */
  splitEvenly(segment: Segment, parts: number): void {
    const length = segment.end - segment.pos;
    if (!Number.isFinite(length) || parts < 2) return;
    const piece = Math.ceil(length / parts);
    const end = segment.end;
    segment.end = segment.pos + piece;
    for (let start = segment.end; start < end; start += piece) {
      this.segments.push(newSegment(start, Math.min(end, start + piece)));
    }
  }

  claim(owner: number): Segment | undefined {
    const free = this.segments.find((segment) => segment.owner === null && segment.pos < segment.end);
    if (free) {
      free.owner = owner;
      return free;
    }
    return this.steal(owner);
  }

  release(segment: Segment): void {
    segment.owner = null;
  }

  /** What a resumed transfer must still fetch. */
  toRanges(): ByteRange[] {
    return this.segments
      .filter((segment) => segment.pos < segment.end)
      .sort((a, b) => a.pos - b.pos)
      .map((segment) => ({ start: segment.pos, end: Number.isFinite(segment.end) ? segment.end : null }));
  }

  private steal(owner: number): Segment | undefined {
    let victim: Segment | undefined;
    for (const candidate of this.segments) {
      const left = unclaimed(candidate);
      if (Number.isFinite(left) && left >= 2 * MIN_SEGMENT_BYTES && (!victim || left > unclaimed(victim))) {
        victim = candidate;
      }
    }
    if (!victim) return undefined;
    const from = Math.max(victim.pos, victim.taken);
    const middle = from + Math.floor((victim.end - from) / 2);
    const stolen = { ...newSegment(middle, victim.end), owner };
    victim.end = middle;
    this.segments.push(stolen);
    return stolen;
  }
}

/** The bytes a resume state says are on disk: the gaps between the ranges it still lacks. */
export function presentRanges(missing: ByteRange[], size: number | null): { start: number; end: number }[] {
  const present: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const range of [...missing].sort((a, b) => a.start - b.start)) {
    if (range.start > cursor) present.push({ start: cursor, end: range.start });
    cursor = range.end ?? Number.POSITIVE_INFINITY;
  }
  if (size !== null && cursor < size) present.push({ start: cursor, end: size });
  return present;
}

function newSegment(start: number, end: number): Segment {
  return { pos: start, taken: start, end, owner: null };
}

/** Bytes nobody has received yet: only those can be handed to another connection. */
function unclaimed(candidate: Segment): number {
  return candidate.end - Math.max(candidate.pos, candidate.taken);
}
