import type { Download } from '../../shared/downloads';

/** The bounds `downloads:prioritize` accepts. */
export const PRIORITY_MIN = -1000;
export const PRIORITY_MAX = 1000;

type Ranked = Pick<Download, 'id' | 'priority'>;

/** One `downloads:prioritize` call: these downloads get this priority. */
export interface PriorityChange {
  priority: number;
  ids: number[];
}

/** Finished and canceled downloads no longer wait for their turn, so a queue's list leaves them out. */
export function isWaitingItem(download: Pick<Download, 'status'>): boolean {
  return download.status !== 'done' && download.status !== 'canceled';
}

/** The order the library starts downloads in (download-store `queued()`): highest priority first, then oldest. */
export function startOrder(a: Ranked, b: Ranked): number {
  return b.priority - a.priority || a.id - b.id;
}

/** A queue's unfinished downloads in the order they will start. */
export function queueItems(downloads: Record<number, Download>, queueId: number): Download[] {
  return Object.values(downloads)
    .filter((download) => download.queueId === queueId && isWaitingItem(download))
    .sort(startOrder);
}

/** How many unfinished downloads each queue holds, by queue id. */
export function queueItemCounts(downloads: Record<number, Download>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const download of Object.values(downloads)) {
    if (isWaitingItem(download)) counts.set(download.queueId, (counts.get(download.queueId) ?? 0) + 1);
  }
  return counts;
}

/** The list with the item at `from` moved to `to`; out-of-range moves leave it as it was. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * The priorities that make the library start `wanted` in that order, changing
 * as few downloads as possible. Walking from the last item up, each keeps its
 * priority when it already sorts before the one below it, and otherwise takes
 * the smallest priority that does. When that would pass the top bound, the
 * whole list is numbered afresh from the top.
 */
export function priorityChanges(wanted: readonly Ranked[]): PriorityChange[] {
  const assigned = new Map<number, number>();
  let below: Ranked | null = null;
  for (const item of [...wanted].reverse()) {
    let priority = item.priority;
    if (below && startOrder({ id: item.id, priority }, below) >= 0) {
      priority = item.id < below.id ? below.priority : below.priority + 1;
    }
    if (priority > PRIORITY_MAX) return renumbered(wanted);
    if (priority !== item.priority) assigned.set(item.id, priority);
    below = { id: item.id, priority };
  }
  return grouped(assigned);
}

/** Every item a priority of its own, counting up from the bottom bound; past 2,001 items the top ones share the top. */
function renumbered(wanted: readonly Ranked[]): PriorityChange[] {
  const assigned = new Map<number, number>();
  for (const [index, item] of [...wanted].reverse().entries()) {
    const priority = Math.min(PRIORITY_MAX, PRIORITY_MIN + index);
    if (priority !== item.priority) assigned.set(item.id, priority);
  }
  return grouped(assigned);
}

function grouped(assigned: Map<number, number>): PriorityChange[] {
  const byPriority = new Map<number, number[]>();
  for (const [id, priority] of assigned) byPriority.set(priority, [...(byPriority.get(priority) ?? []), id]);
  return [...byPriority].map(([priority, ids]) => ({ priority, ids }));
}
