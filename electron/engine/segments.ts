/** A byte range being fetched: `pos` is the next byte to write; `end` is exclusive and may shrink when stolen from. */
export interface Segment {
  pos: number;
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
    return new SegmentPlan([{ pos: 0, end: size ?? Number.POSITIVE_INFINITY, owner: null }]);
  }

  static fromRanges(ranges: ByteRange[]): SegmentPlan {
    return new SegmentPlan(
      ranges.map((range) => ({ pos: range.start, end: range.end ?? Number.POSITIVE_INFINITY, owner: null })),
    );
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

  /** Cuts the range of `segment` into `parts` equal pieces left unowned, keeping the first for its owner. */
  splitEvenly(segment: Segment, parts: number): void {
    const length = segment.end - segment.pos;
    if (!Number.isFinite(length) || parts < 2) return;
    const piece = Math.ceil(length / parts);
    const end = segment.end;
    segment.end = segment.pos + piece;
    for (let start = segment.end; start < end; start += piece) {
      this.segments.push({ pos: start, end: Math.min(end, start + piece), owner: null });
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
    for (const segment of this.segments) {
      const left = segment.end - segment.pos;
      if (Number.isFinite(left) && left >= 2 * MIN_SEGMENT_BYTES && (!victim || left > victim.end - victim.pos)) {
        victim = segment;
      }
    }
    if (!victim) return undefined;
    const middle = victim.pos + Math.floor((victim.end - victim.pos) / 2);
    const stolen: Segment = { pos: middle, end: victim.end, owner };
    victim.end = middle;
    this.segments.push(stolen);
    return stolen;
  }
}
