/**
 * Which downloads are selected, as pure steps over the order the list shows.
 * `anchor` is where a shift-extended range starts; `focus` is the row the
 * keyboard is on. The list keeps selected ids in a record so each row can read
 * its own flag without the others re-rendering.
 */
export interface Selection {
  selected: Record<number, true>;
  anchor: number | null;
  focus: number | null;
}

export const emptySelection: Selection = { selected: {}, anchor: null, focus: null };

function only(ids: number[]): Record<number, true> {
  const selected: Record<number, true> = {};
  for (const id of ids) selected[id] = true;
  return selected;
}

/** A plain click: this one alone. */
export function selectOnly(id: number): Selection {
  return { selected: only([id]), anchor: id, focus: id };
}

/** Ctrl/Cmd+click or space: this one in or out, the rest untouched. */
export function toggle(selection: Selection, id: number): Selection {
  const selected = { ...selection.selected };
  if (selected[id]) delete selected[id];
  else selected[id] = true;
  return { selected, anchor: id, focus: id };
}

/** Shift+click or shift+arrow: everything from the anchor to this one, in the order shown. */
export function extendTo(selection: Selection, id: number, order: number[]): Selection {
  const to = order.indexOf(id);
  const anchorIndex = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  if (to < 0) return selection;
  if (anchorIndex < 0) return selectOnly(id);
  const [start, end] = anchorIndex <= to ? [anchorIndex, to] : [to, anchorIndex];
  return { selected: only(order.slice(start, end + 1)), anchor: selection.anchor, focus: id };
}

/** Ctrl+A: every row shown. */
export function selectAll(order: number[]): Selection {
  return { selected: only(order), anchor: order[0] ?? null, focus: order[0] ?? null };
}

/**
 * Arrow keys: the focus moves by `delta` rows (clamped to the list) and the
 * selection follows it, or stretches from the anchor when `extend` (shift).
 * With no focus yet, the first step lands on the first or last row.
 */
export function moveFocus(selection: Selection, order: number[], delta: number, extend: boolean): Selection {
  const current = selection.focus === null ? -1 : order.indexOf(selection.focus);
  const start = current < 0 ? (delta > 0 ? -1 : order.length) : current;
  const target = order[Math.max(0, Math.min(order.length - 1, start + delta))];
  if (target === undefined) return selection;
  return extend ? extendTo(selection, target, order) : selectOnly(target);
}

/** The selected ids among those shown, in the order shown: what the toolbar acts on. */
export function selectedIn(selection: Selection, order: number[]): number[] {
  return order.filter((id) => selection.selected[id]);
}
