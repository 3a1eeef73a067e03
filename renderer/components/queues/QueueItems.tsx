import { useLayoutEffect, useRef, useState } from 'react';
import type { Queue } from '../../../shared/queues';
import { downloadRow, liveProgress } from '../../store/download-rows';
import { moved, queueItems } from '../../store/queue-order';
import { useFerry } from '../../store/store-context';
import { MoveToQueue } from './MoveToQueue';
import { QueueItem } from './QueueItem';

const DRAG_TYPE = 'application/x-ferry-download';

/**
 * The open queue's unfinished downloads in the order they will start. A row is
 * moved by dragging it, by its up and down buttons, or with Alt+arrow keys;
 * ticked rows can be moved to another queue.
 */
export function QueueItems({ queue }: { queue: Queue }) {
  const downloads = useFerry((state) => state.downloads);
  const progress = useFerry((state) => state.progress);
  const reorderQueue = useFerry((state) => state.reorderQueue);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dragged, setDragged] = useState<number | null>(null);
  // Moving a row can take the focus with it out of the page: put it back on the same control.
  const refocus = useRef<{ id: number; control: string } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const items = queueItems(downloads, queue.id);
  const ids = items.map((item) => item.id);

  useLayoutEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    listRef.current
      ?.querySelector<HTMLElement>(`[data-item="${target.id}"] [data-control="${target.control}"]`)
      ?.focus();
  });

  function move(id: number, to: number, control?: string) {
    const from = ids.indexOf(id);
    if (from < 0 || to < 0 || to >= ids.length || from === to) return;
    if (control) refocus.current = { id, control };
    void reorderQueue(queue.id, moved(ids, from, to));
  }

  function toggle(id: number, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  const chosen = ids.filter((id) => selected.has(id));
  return (
    <section className="queue-items" aria-labelledby="queue-items-title">
      <div className="queue-items-head">
        <h3 id="queue-items-title">Waiting, in start order</h3>
        <MoveToQueue from={queue} ids={chosen} onMoved={() => setSelected(new Set())} />
      </div>
      {items.length === 0 ? (
        <p className="field-hint">Nothing waits in this queue. Pick it in the Add dialog to send downloads here.</p>
      ) : (
        <>
          <p className="field-hint" id="queue-items-hint">
            Drag a row, or press Alt+↑ or Alt+↓ on it, to change when it starts.
          </p>
          <ol className="queue-item-list" ref={listRef} aria-describedby="queue-items-hint">
            {items.map((item, index) => (
              <QueueItem
                key={item.id}
                row={downloadRow(item, liveProgress(item, progress))}
                position={index}
                count={items.length}
                checked={selected.has(item.id)}
                dragging={dragged === item.id}
                onCheck={(on) => toggle(item.id, on)}
                onMove={(to, control) => move(item.id, to, control)}
                onDragStart={(event) => {
                  event.dataTransfer.setData(DRAG_TYPE, String(item.id));
                  event.dataTransfer.effectAllowed = 'move';
                  setDragged(item.id);
                }}
                onDragEnd={() => setDragged(null)}
                onDragOver={(event) => {
                  if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                  event.preventDefault();
                  event.stopPropagation();
                }}
                onDrop={(event) => {
                  const id = Number(event.dataTransfer.getData(DRAG_TYPE));
                  if (!id) return;
                  event.preventDefault();
                  event.stopPropagation();
                  setDragged(null);
                  move(id, index);
                }}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
