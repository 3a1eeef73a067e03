import type { BrowseEntry } from '../../shared/accounts';
import type { Browsing, LibraryAddResult } from './ferry-state';
import { emptySelection, extendTo, type Selection, selectedIn } from './selection';

/** How many entries the picker shows at first, and how many more each "Show more" adds. */
export const LIBRARY_PAGE = 50;

/** One entry picked to be queued: the ref is the format chosen for it. */
export interface LibraryPick {
  index: number;
  name: string;
  ref: string;
}

/** The picker as it opens on an account: loading, nothing picked, the first page to show. */
export function freshBrowsing(accountId: string): Browsing {
  return {
    accountId,
    status: 'loading',
    entries: [],
    error: null,
    filter: '',
    shown: LIBRARY_PAGE,
    selection: emptySelection,
    choices: {},
    queueId: null,
    adding: false,
    added: {},
    result: null,
  };
}

function entryText(entry: BrowseEntry): string {
  return [entry.name, entry.type, ...entry.formats, ...entry.tags].join(' ').toLowerCase();
}

function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The positions of the entries holding every word of the filter (name, type, formats, tags; any case), in order. */
export function matchingIndexes(entries: BrowseEntry[], filter: string): number[] {
  const words = filterWords(filter);
  const indexes: number[] = [];
  entries.forEach((entry, index) => {
    const text = entryText(entry);
    if (words.every((word) => text.includes(word))) indexes.push(index);
  });
  return indexes;
}

/** What the list shows: the matching entries, as many pages of them as were asked for. */
export function shownIndexes(browsing: Browsing): number[] {
  return matchingIndexes(browsing.entries, browsing.filter).slice(0, browsing.shown);
}

/** The format an entry will be queued in: the one picked, or the entry as it is. */
export function chosenRef(browsing: Browsing, index: number): string {
  return browsing.choices[index] ?? browsing.entries[index]?.ref ?? '';
}

/** The selected entries among those shown, in the order shown, each with its chosen format. */
export function libraryPicks(browsing: Browsing): LibraryPick[] {
  return selectedIn(browsing.selection, shownIndexes(browsing)).map((index) => ({
    index,
    name: browsing.entries[index]?.name ?? '',
    ref: chosenRef(browsing, index),
  }));
}

/**
 * Arrow keys in the picker move the focus only, as in a list of checkboxes, and
 * the anchor with it; with Shift they select from the anchor to the new row.
 */
export function moveEntryFocus(selection: Selection, order: number[], delta: number, extend: boolean): Selection {
  const current = selection.focus === null ? -1 : order.indexOf(selection.focus);
  const start = current < 0 ? (delta > 0 ? -1 : order.length) : current;
  const target = order[Math.max(0, Math.min(order.length - 1, start + delta))];
  if (target === undefined) return selection;
  if (extend) return extendTo(selection.anchor === null ? { ...selection, anchor: target } : selection, target, order);
  return { ...selection, anchor: target, focus: target };
}

/** The line under the search box: loading, empty, or how many entries match and show. */
export function libraryStatusText(browsing: Browsing): string {
  if (browsing.status === 'loading') return 'Loading the library…';
  if (browsing.status === 'failed') return '';
  const total = browsing.entries.length;
  if (total === 0) return 'This library is empty.';
  const matching = matchingIndexes(browsing.entries, browsing.filter).length;
  if (matching === 0) return `No entry matches “${browsing.filter.trim()}”.`;
  const shown = Math.min(matching, browsing.shown);
  const of = matching === total ? `${total} entries` : `${matching} of ${total} entries match`;
  return shown < matching ? `${of}, ${shown} shown` : of;
}

/** The add button's words: how many go, and where. */
export function addButtonText(count: number, queueName: string): string {
  if (count === 0) return 'Select entries to add';
  return `Add ${count} to ${queueName}`;
}

/** What the last add did, in one sentence; the failures are listed under it with their reasons. */
export function addResultText(result: LibraryAddResult): string {
  const added = `${result.added} ${result.added === 1 ? 'entry' : 'entries'}`;
  if (result.failed.length === 0) return `Queued ${added} in ${result.queue}.`;
  const failed = `${result.failed.length} could not be added`;
  return result.added === 0 ? `Nothing was queued: ${failed}.` : `Queued ${added} in ${result.queue}; ${failed}.`;
}
