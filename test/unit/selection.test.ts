import { describe, expect, it } from 'vitest';
import {
  emptySelection,
  extendTo,
  moveFocus,
  selectAll,
  selectedIn,
  selectOnly,
  toggle,
} from '../../renderer/store/selection';

const order = [50, 40, 30, 20, 10];
const ids = (selection: { selected: Record<number, true> }) => selectedIn({ ...emptySelection, ...selection }, order);

describe('selection', () => {
  it('selects one on a click and toggles with ctrl, keeping the rest', () => {
    const one = selectOnly(40);
    expect(one).toEqual({ selected: { 40: true }, anchor: 40, focus: 40 });
    const two = toggle(one, 20);
    expect(ids(two)).toEqual([40, 20]);
    expect(ids(toggle(two, 40))).toEqual([20]);
  });

  it('extends a range from the anchor either way, replacing the last range', () => {
    const anchored = selectOnly(40);
    expect(ids(extendTo(anchored, 10, order))).toEqual([40, 30, 20, 10]);
    expect(ids(extendTo(extendTo(anchored, 10, order), 50, order))).toEqual([50, 40]);
    expect(extendTo(anchored, 10, order).anchor).toBe(40);
  });

  it('starts a range at the clicked row when there is no anchor', () => {
    expect(extendTo(emptySelection, 30, order)).toEqual(selectOnly(30));
  });

  it('moves the focus by arrows, clamped to the list, and shift stretches the selection', () => {
    expect(moveFocus(emptySelection, order, 1, false)).toEqual(selectOnly(50));
    expect(moveFocus(emptySelection, order, -1, false)).toEqual(selectOnly(10));
    const down = moveFocus(selectOnly(40), order, 1, false);
    expect(down).toEqual(selectOnly(30));
    const stretched = moveFocus(moveFocus(down, order, 1, true), order, 1, true);
    expect(ids(stretched)).toEqual([30, 20, 10]);
    expect(stretched.focus).toBe(10);
    expect(moveFocus(stretched, order, 99, false)).toEqual(selectOnly(10));
    expect(moveFocus(stretched, order, -99, true).focus).toBe(50);
    expect(moveFocus(emptySelection, [], 1, false)).toEqual(emptySelection);
  });

  it('selects every row shown, and acts only on the selected rows still shown', () => {
    expect(ids(selectAll(order))).toEqual(order);
    expect(selectedIn(toggle(selectOnly(99), 30), order)).toEqual([30]);
  });
});
