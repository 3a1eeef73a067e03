import { describe, expect, it } from 'vitest';
import { listCommand, menuStep } from '../../renderer/components/downloads/list-keys';

const press = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) =>
  listCommand({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('listCommand', () => {
  it('moves with the arrows, and shift extends', () => {
    expect(press('ArrowDown')).toEqual({ kind: 'move', delta: 1, extend: false });
    expect(press('ArrowUp', { shiftKey: true })).toEqual({ kind: 'move', delta: -1, extend: true });
  });

  it('toggles on space, opens on enter, removes on delete, retries on R, selects all on ctrl or cmd+A', () => {
    expect(press(' ')).toEqual({ kind: 'toggle' });
    expect(press('Enter')).toEqual({ kind: 'open' });
    expect(press('Delete')).toEqual({ kind: 'remove' });
    expect(press('r')).toEqual({ kind: 'retry' });
    expect(press('R', { shiftKey: true })).toEqual({ kind: 'retry' });
    expect(press('a', { ctrlKey: true })).toEqual({ kind: 'selectAll' });
    expect(press('A', { metaKey: true })).toEqual({ kind: 'selectAll' });
  });

  it('leaves typing, tab and other shortcuts to the page', () => {
    expect(press('a')).toBeNull();
    expect(press('Tab')).toBeNull();
    expect(press('f', { ctrlKey: true })).toBeNull();
  });
});

describe('menuStep', () => {
  it('wraps the arrows around the menu and jumps with Home and End', () => {
    expect(menuStep('ArrowDown', 2, 3)).toBe(0);
    expect(menuStep('ArrowUp', 0, 3)).toBe(2);
    expect(menuStep('ArrowDown', -1, 3)).toBe(0);
    expect(menuStep('Home', 2, 3)).toBe(0);
    expect(menuStep('End', 0, 3)).toBe(2);
    expect(menuStep('a', 0, 3)).toBeNull();
  });
});
