import { ChevronDown, ListOrdered } from 'lucide-react';
import { type FocusEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import type { Download } from '../../../shared/downloads';
import { queueChoices } from '../../store/queue-choices';
import { useFerry } from '../../store/store-context';
import { menuStep } from './list-keys';
import './move-to-queue-menu.css';

/**
 * "Move to queue" for the selection: a button that opens a menu of the other
 * queues. Built from plain buttons with the menu roles and keys (arrows, Home,
 * End, Esc), because react-aria's pressable items inject a style the window's
 * policy blocks.
 */
export function MoveToQueueMenu({ selected }: { selected: Download[] }) {
  const queues = useFerry((state) => state.queues);
  const move = useFerry((state) => state.moveDownloads);
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const choices = queueChoices(queues, selected);
  if (choices.length === 0) return null;

  function items(): HTMLButtonElement[] {
    return Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
  }

  function close() {
    setOpen(false);
    trigger.current?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = menuStep(event.key, at, all.length);
    if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    if (next !== null) all[next]?.focus();
    if (next !== null || event.key === 'Escape') event.preventDefault();
  }

  function onMenuBlur(event: FocusEvent) {
    if (!menu.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
  }

  return (
    <div className="move-menu">
      <button
        ref={trigger}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <ListOrdered size={14} aria-hidden="true" />
        Move to queue
        <ChevronDown size={12} aria-hidden="true" />
      </button>
      {open ? (
        <div
          ref={(element) => {
            menu.current = element;
            // Opening moves the focus into the menu, as a menu button does.
            if (element && !element.contains(document.activeElement)) items()[0]?.focus();
          }}
          id={menuId}
          role="menu"
          aria-label={`Move ${selected.length === 1 ? 'the selected download' : `${selected.length} downloads`} to`}
          className="move-menu-list"
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
          onBlur={onMenuBlur}
        >
          {choices.map((queue) => (
            <button
              key={queue.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              title={queue.name}
              onPointerEnter={(event) => event.currentTarget.focus()}
              onClick={() => {
                close();
                void move(
                  selected.map((download) => download.id),
                  queue.id,
                );
              }}
            >
              {queue.name}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
