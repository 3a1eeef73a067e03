import type { Download } from '../../shared/downloads';
import type { Queue } from '../../shared/queues';

/**
 * The queues the selected downloads can move to, in the Queues view's order:
 * every queue but the one they all sit in already. Empty when there is only
 * one queue, and the toolbar then offers no move at all.
 */
export function queueChoices(queues: Queue[], selected: Download[]): Queue[] {
  if (selected.length === 0) return [];
  return queues.filter((queue) => selected.some((download) => download.queueId !== queue.id));
}
