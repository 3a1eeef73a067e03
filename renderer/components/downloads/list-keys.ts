/** What a key pressed on the Downloads list asks for. */
export type ListCommand =
  | { kind: 'move'; delta: number; extend: boolean }
  | { kind: 'toggle' }
  | { kind: 'open' }
  | { kind: 'retry' }
  | { kind: 'remove' }
  | { kind: 'selectAll' }
  | { kind: 'clear' };

interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** A page of rows for Page Up and Page Down; Home and End go as far as the list does. */
const PAGE = 10;
const FAR = Number.MAX_SAFE_INTEGER;

/** Maps a key press to a command, or null for keys the list leaves alone (Tab, typing). */
export function listCommand(press: KeyPress): ListCommand | null {
  const extend = press.shiftKey;
  const command = press.ctrlKey || press.metaKey;
  if (press.altKey) return null;
  if (command) return press.key.toLowerCase() === 'a' ? { kind: 'selectAll' } : null;
  switch (press.key) {
    case 'ArrowDown':
      return { kind: 'move', delta: 1, extend };
    case 'ArrowUp':
      return { kind: 'move', delta: -1, extend };
    case 'PageDown':
      return { kind: 'move', delta: PAGE, extend };
    case 'PageUp':
      return { kind: 'move', delta: -PAGE, extend };
    case 'Home':
      return { kind: 'move', delta: -FAR, extend };
    case 'End':
      return { kind: 'move', delta: FAR, extend };
    case ' ':
      return { kind: 'toggle' };
    case 'Enter':
      return { kind: 'open' };
    case 'r':
    case 'R':
      return { kind: 'retry' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'remove' };
    case 'Escape':
      return { kind: 'clear' };
    default:
      return null;
  }
}

/** Where an arrow, Home or End moves the focus among `count` items from `at`; null for other keys. */
export function menuStep(key: string, at: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return (at + 1) % count;
    case 'ArrowUp':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
