import { ArrowDown, ArrowUp, GripVertical } from 'lucide-react';
import { type DragEvent, type KeyboardEvent, useId } from 'react';
import type { DownloadRow } from '../../store/download-rows';

interface QueueItemProps {
  row: DownloadRow;
  /** Where it stands in the queue, from 0, and how many wait there. */
  position: number;
  count: number;
  checked: boolean;
  dragging: boolean;
  onCheck(checked: boolean): void;
  /** Moves it to that place; `control` is the one that should keep the focus. */
  onMove(to: number, control?: string): void;
  onDragStart(event: DragEvent): void;
  onDragEnd(): void;
  onDragOver(event: DragEvent): void;
  onDrop(event: DragEvent): void;
}

/** One waiting download: a box to tick it, its name, status and progress, and buttons to move it up or down. */
export function QueueItem(props: QueueItemProps) {
  const { row, position, count } = props;
  const id = useId();
  const first = position === 0;
  const last = position === count - 1;

  function keyDown(event: KeyboardEvent) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const control = (event.target as HTMLElement).dataset.control;
    props.onMove(event.key === 'ArrowUp' ? position - 1 : position + 1, control);
  }

  return (
    <li
      className="queue-item"
      data-item={row.id}
      data-status={row.status}
      data-dragging={props.dragging || undefined}
      draggable
      onDragStart={props.onDragStart}
      onDragEnd={props.onDragEnd}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
      onKeyDown={keyDown}
    >
      <GripVertical className="queue-item-grip" aria-hidden="true" size={16} />
      <input
        id={id}
        type="checkbox"
        data-control="check"
        checked={props.checked}
        onChange={(event) => props.onCheck(event.target.checked)}
      />
      <label htmlFor={id} className="queue-item-name" title={row.name}>
        {row.name}
      </label>
      <span className="queue-item-status">{row.statusLabel}</span>
      <progress value={row.fraction} max={1} aria-label={`${row.name}: ${row.amount}`} />
      <span className="queue-item-moves">
        <button
          type="button"
          data-control="up"
          aria-label={`Move ${row.name} up`}
          aria-disabled={first || undefined}
          onClick={() => !first && props.onMove(position - 1, 'up')}
        >
          <ArrowUp aria-hidden="true" size={14} />
        </button>
        <button
          type="button"
          data-control="down"
          aria-label={`Move ${row.name} down`}
          aria-disabled={last || undefined}
          onClick={() => !last && props.onMove(position + 1, 'down')}
        >
          <ArrowDown aria-hidden="true" size={14} />
        </button>
      </span>
    </li>
  );
}
