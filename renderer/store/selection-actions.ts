import { actionRules, type DownloadAction, isBusy } from '../../shared/download-status';
import type { Download } from '../../shared/downloads';
import { downloadName } from './download-rows';

/** What the toolbar can do to selected downloads: the state machine's actions, and the library's. */
export type ListAction = DownloadAction | 'remove' | 'open' | 'showInFolder';

export const listActionLabels: Record<ListAction, string> = {
  resume: 'Resume',
  pause: 'Pause',
  retry: 'Retry',
  cancel: 'Cancel',
  remove: 'Remove…',
  open: 'Open',
  showInFolder: 'Show in folder',
};

/** One action the selection allows, with the ids it applies to (those whose status allows it). */
export interface OfferedAction {
  action: ListAction;
  ids: number[];
}

/**
 * The actions to offer for a selection, in toolbar order: each state-machine
 * action that fits at least one selected download, remove when some are not
 * busy, and open or show in folder for one finished download.
 */
export function offeredActions(selected: Download[]): OfferedAction[] {
  const offered: OfferedAction[] = [];
  for (const action of Object.keys(actionRules) as DownloadAction[]) {
    const ids = selected.filter((download) => actionRules[action].from.includes(download.status)).map(idOf);
    if (ids.length > 0) offered.push({ action, ids });
  }
  const removable = selected.filter((download) => !isBusy(download.status)).map(idOf);
  if (removable.length > 0) offered.push({ action: 'remove', ids: removable });
  const [only] = selected;
  if (selected.length === 1 && only?.status === 'done') {
    offered.push({ action: 'open', ids: [only.id] }, { action: 'showInFolder', ids: [only.id] });
  }
  return offered;
}

function idOf(download: Download): number {
  return download.id;
}

/** A retry asked for by key on the focused download: whether it goes ahead, and what to tell a screen reader either way. */
export function keyboardRetry(focused: Download | undefined): { retry: boolean; notice: string } {
  if (!focused) return { retry: false, notice: 'Move to a failed download first, then press R to retry it.' };
  const name = downloadName(focused);
  if (actionRules.retry.from.includes(focused.status)) return { retry: true, notice: `Retrying ${name}` };
  return { retry: false, notice: `${name} cannot be retried: only failed or canceled downloads can.` };
}
