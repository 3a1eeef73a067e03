import { type KeyboardEvent, type MouseEvent, useMemo } from 'react';
import { LIBRARY_PAGE, matchingIndexes, moveEntryFocus, shownIndexes } from '../../store/library-view';
import { extendTo, selectAll, selectOnly, toggle } from '../../store/selection';
import { useFerry } from '../../store/store-context';
import { listCommand } from '../downloads/list-keys';
import { entryCheckboxId, LibraryEntryRow } from './LibraryEntryRow';
import { NothingShown } from './NothingShown';

/**
 * The entries shown, a page at a time. Each row is a checkbox: Tab reaches the
 * focused one (and its format), arrows move between rows, Shift+arrows and
 * Shift+click select a range, Ctrl+click one more, Ctrl+A every row shown.
 */
export function LibraryList() {
  const browsing = useFerry((state) => state.browsing);
  const setSelection = useFerry((state) => state.setLibrarySelection);
  const showMore = useFerry((state) => state.showMoreEntries);
  const order = useMemo(() => (browsing ? shownIndexes(browsing) : []), [browsing]);
  const matching = useMemo(
    () => (browsing ? matchingIndexes(browsing.entries, browsing.filter).length : 0),
    [browsing],
  );
  if (!browsing) return null;
  if (order.length === 0) return <NothingShown />;
  const { selection } = browsing;
  const tabbable = selection.focus !== null && order.includes(selection.focus) ? selection.focus : order[0];
  const hidden = matching - order.length;

  function onKeyDown(event: KeyboardEvent) {
    // The format lists keep their own arrow keys; only the checkboxes move between rows.
    if (!(event.target instanceof HTMLInputElement)) return;
    const command = listCommand(event);
    if (command?.kind === 'move') {
      event.preventDefault();
      setSelection(moveEntryFocus(selection, order, command.delta, command.extend));
    } else if (command?.kind === 'selectAll') {
      event.preventDefault();
      setSelection({ ...selectAll(order), focus: selection.focus });
    }
  }

  function pick(index: number, event: MouseEvent) {
    if (event.shiftKey) setSelection(extendTo(selection, index, order));
    else if (event.ctrlKey || event.metaKey) setSelection(toggle(selection, index));
    else setSelection(selectOnly(index));
  }

  function more() {
    const next = order.length;
    showMore();
    // The button may go with the last page; the focus goes to the first row it brought.
    requestAnimationFrame(() => {
      const first = matchingIndexes(browsing?.entries ?? [], browsing?.filter ?? '')[next];
      if (first !== undefined) document.getElementById(entryCheckboxId(first))?.focus();
    });
  }

  return (
    <div className="library-scroll">
      <ul className="library-list" aria-label="Library entries" onKeyDown={onKeyDown}>
        {order.map((index) => (
          <LibraryEntryRow
            key={index}
            index={index}
            selected={selection.selected[index] === true}
            focused={index === selection.focus}
            tabbable={index === tabbable}
            onPick={pick}
            onToggle={(at) => setSelection(toggle(selection, at))}
          />
        ))}
      </ul>
      {hidden > 0 ? (
        <button type="button" className="library-more" onClick={more}>
          Show {Math.min(hidden, LIBRARY_PAGE)} more ({hidden} not shown)
        </button>
      ) : null}
    </div>
  );
}
