import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type MouseEvent, useCallback, useRef, useState } from 'react';
import { extendTo, moveFocus, type Selection, selectAll, selectOnly, toggle } from '../../store/selection';
import { keyboardRetry } from '../../store/selection-actions';
import { useFerry } from '../../store/store-context';
import { DownloadRowView, rowElementId } from './DownloadRowView';
import { listCommand } from './list-keys';

const ROW_HEIGHT = 58;

interface DownloadGridProps {
  /** The ids shown, in order. */
  ids: number[];
  /** Asks to remove these (the caller confirms first). */
  onRemove(ids: number[]): void;
}

/**
 * The list of downloads: a grid whose rows are rendered only while in view,
 * so ten thousand downloads scroll as smoothly as ten. The grid keeps the
 * keyboard focus and names the focused row with aria-activedescendant, which
 * survives rows coming and going as the list scrolls.
 */
export function DownloadGrid({ ids, onRemove }: DownloadGridProps) {
  const selection = useFerry((state) => state.selection);
  const setSelection = useFerry((state) => state.setSelection);
  const control = useFerry((state) => state.controlDownloads);
  const open = useFerry((state) => state.openDownload);
  const downloads = useFerry((state) => state.downloads);
  const scroller = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState({ text: '', serial: 0 });
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 6,
  });
  // Row callbacks read the latest ids and selection through a ref, so they never change and rows stay memoized.
  const latest = useRef({ ids, selection, downloads });
  latest.current = { ids, selection, downloads };

  const pick = useCallback(
    (id: number, event: MouseEvent) => {
      const { selection, ids } = latest.current;
      if (event.shiftKey) setSelection(extendTo(selection, id, ids));
      else if (event.ctrlKey || event.metaKey) setSelection(toggle(selection, id));
      else setSelection(selectOnly(id));
    },
    [setSelection],
  );
  const openFinished = useCallback(
    (id: number) => {
      if (latest.current.downloads[id]?.status === 'done') void open(id);
    },
    [open],
  );
  const retry = useCallback((id: number) => void control('retry', [id]), [control]);

  function retryByKey(id: number | null) {
    const { retry: goAhead, notice: text } = keyboardRetry(id === null ? undefined : downloads[id]);
    if (goAhead && id !== null) retry(id);
    setNotice((before) => ({ text, serial: before.serial + 1 }));
  }

  function onKeyDown(event: KeyboardEvent) {
    const command = listCommand(event);
    if (!command) return;
    event.preventDefault();
    const focus = selection.focus;
    const selectedIds = ids.filter((id) => selection.selected[id]);
    switch (command.kind) {
      case 'move':
        return follow(moveFocus(selection, ids, command.delta, command.extend));
      case 'toggle':
        return focus === null ? follow(moveFocus(selection, ids, 1, false)) : setSelection(toggle(selection, focus));
      case 'selectAll':
        return setSelection(selectAll(ids));
      case 'clear':
        return setSelection({ ...selection, selected: {} });
      case 'open':
        // A failed row has nothing to open: Enter does what its one button does.
        if (focus !== null && downloads[focus]?.status === 'failed') return retryByKey(focus);
        return focus === null ? undefined : openFinished(focus);
      case 'retry':
        return retryByKey(focus);
      case 'remove':
        return selectedIds.length > 0 ? onRemove(selectedIds) : undefined;
    }
  }

  function follow(next: Selection) {
    setSelection(next);
    const index = next.focus === null ? -1 : ids.indexOf(next.focus);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  const items = virtualizer.getVirtualItems();
  const focusShown = items.some((item) => ids[item.index] === selection.focus);
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: virtualized rows are positioned divs; a table would not lay them out. */}
      <div
        ref={scroller}
        className="download-grid"
        role="grid"
        aria-label="Downloads"
        aria-multiselectable="true"
        aria-rowcount={ids.length}
        aria-activedescendant={focusShown && selection.focus !== null ? rowElementId(selection.focus) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {/* biome-ignore lint/a11y/useSemanticElements: see the grid above. */}
        <div className="download-grid-rows" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const id = ids[item.index] as number;
            return (
              <DownloadRowView
                key={id}
                id={id}
                index={item.index}
                start={item.start}
                focused={id === selection.focus}
                measure={virtualizer.measureElement}
                onPick={pick}
                onOpen={openFinished}
                onRetry={retry}
              />
            );
          })}
        </div>
      </div>
      <div className="visually-hidden list-notice" role="status">
        {/* A fresh node per notice, so the same words said twice are still read out. */}
        <p key={notice.serial}>{notice.text}</p>
      </div>
    </>
  );
}
