import { describe, expect, it } from 'vitest';
import type { Browsing } from '../../renderer/store/ferry-state';
import {
  addButtonText,
  addResultText,
  chosenRef,
  freshBrowsing,
  LIBRARY_PAGE,
  libraryPicks,
  libraryStatusText,
  matchingIndexes,
  moveEntryFocus,
  shownIndexes,
} from '../../renderer/store/library-view';
import { emptySelection, selectOnly } from '../../renderer/store/selection';
import type { BrowseEntry } from '../../shared/accounts';

function entry(name: string, tags: string[] = [], formats: string[] = []): BrowseEntry {
  const ref = `echo3d:entry/${name}`;
  const conversions = formats.map((format) => ({ label: format.toUpperCase(), ref: `${ref}?format=${format}` }));
  return {
    ref,
    name,
    type: formats[0] ?? 'unknown',
    formats,
    tags,
    detail: '',
    choices: [{ label: 'Original', ref }, ...conversions],
  };
}

function ready(entries: BrowseEntry[], change: Partial<Browsing> = {}): Browsing {
  return { ...freshBrowsing('a1'), status: 'ready', entries, ...change };
}

const chair = entry('Oak chair.obj', ['furniture', 'wood'], ['obj', 'glb']);
const lamp = entry('lamp.fbx', ['lights'], ['fbx']);
const many = Array.from({ length: LIBRARY_PAGE + 7 }, (_, index) => entry(`asset-${index}.glb`));

describe('finding entries', () => {
  it('keeps entries holding every word of the filter, in any case and any field', () => {
    expect(matchingIndexes([chair, lamp], '')).toEqual([0, 1]);
    expect(matchingIndexes([chair, lamp], '  WOOD  glb ')).toEqual([0]);
    expect(matchingIndexes([chair, lamp], 'fbx')).toEqual([1]);
    expect(matchingIndexes([chair, lamp], 'wood fbx')).toEqual([]);
  });

  it('shows the matching entries a page at a time', () => {
    expect(shownIndexes(ready(many))).toHaveLength(LIBRARY_PAGE);
    expect(shownIndexes(ready(many, { shown: LIBRARY_PAGE * 2 }))).toHaveLength(LIBRARY_PAGE + 7);
    expect(shownIndexes(ready(many, { filter: 'asset-5' }))).toEqual([5, 50, 51, 52, 53, 54, 55, 56]);
  });

  it('says what the list holds: loading, empty, no match, matches, and how many are shown', () => {
    expect(libraryStatusText(freshBrowsing('a1'))).toBe('Loading the library…');
    expect(libraryStatusText(ready([]))).toBe('This library is empty.');
    expect(libraryStatusText(ready([chair, lamp], { filter: ' sofa ' }))).toBe('No entry matches “sofa”.');
    expect(libraryStatusText(ready([chair, lamp]))).toBe('2 entries');
    expect(libraryStatusText(ready([chair, lamp], { filter: 'wood' }))).toBe('1 of 2 entries match');
    expect(libraryStatusText(ready(many))).toBe(`${many.length} entries, ${LIBRARY_PAGE} shown`);
    expect(libraryStatusText(ready([chair], { status: 'failed', error: 'refused' }))).toBe('');
  });
});

describe('picking entries', () => {
  it('queues each selected entry shown, in the format chosen for it or as it is', () => {
    const browsing = ready([chair, lamp, entry('stool.obj')], {
      selection: { selected: { 0: true, 1: true, 2: true }, anchor: 0, focus: 2 },
      choices: { 0: 'echo3d:entry/Oak chair.obj?format=glb' },
      filter: 'o',
    });
    expect(chosenRef(browsing, 1)).toBe(lamp.ref);
    expect(libraryPicks(browsing)).toEqual([
      { index: 0, name: 'Oak chair.obj', ref: 'echo3d:entry/Oak chair.obj?format=glb' },
      { index: 2, name: 'stool.obj', ref: 'echo3d:entry/stool.obj' },
    ]);
  });

  it('moves the focus with the arrows and stretches the selection with Shift', () => {
    const order = [4, 7, 9];
    expect(moveEntryFocus(emptySelection, order, 1, false)).toEqual({ selected: {}, anchor: 4, focus: 4 });
    const onSeven = moveEntryFocus(selectOnly(4), order, 1, false);
    expect(onSeven).toEqual({ selected: { 4: true }, anchor: 7, focus: 7 });
    expect(moveEntryFocus(onSeven, order, 1, true)).toEqual({
      selected: { 7: true, 9: true },
      anchor: 7,
      focus: 9,
    });
    expect(moveEntryFocus(emptySelection, order, -1, true)).toEqual({ selected: { 9: true }, anchor: 9, focus: 9 });
    expect(moveEntryFocus(onSeven, [], 1, false)).toBe(onSeven);
  });

  it('words the add button and the result of an add', () => {
    expect(addButtonText(0, 'Default')).toBe('Select entries to add');
    expect(addButtonText(3, 'Models')).toBe('Add 3 to Models');
    expect(addResultText({ added: 1, queue: 'Default', failed: [] })).toBe('Queued 1 entry in Default.');
    const refused = { name: 'lamp.fbx', reason: 'No FBX version.' };
    expect(addResultText({ added: 2, queue: 'Models', failed: [refused] })).toBe(
      'Queued 2 entries in Models; 1 could not be added.',
    );
    expect(addResultText({ added: 0, queue: 'Models', failed: [refused] })).toBe(
      'Nothing was queued: 1 could not be added.',
    );
  });
});
